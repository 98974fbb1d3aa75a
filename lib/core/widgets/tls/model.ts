import { fnv1a } from "@/lib/core/util/prng";
import { handshakeRtts } from "@/lib/core/evaluator/handshake";

// W6: TLS 1.2 and 1.3 handshakes step by step, resumption and 0-RTT, and what an on-path attacker sees.

export type TlsVersion = "1.0" | "1.1" | "1.2" | "1.3";
export const SERVER_NAME = "api.example.com";
export const REQUEST = "GET /api/orders HTTP/1.1";

export type TlsStep = {
  title: string;
  from: "client" | "server" | "both";
  /** What the message carries. */
  carries: string[];
  /** Round trips spent once this step has happened (TCP included). */
  rtts: number;
  keys: "none" | "exchanging" | "derived";
  /** What someone on the wire can read at this step. */
  attackerSees: string;
};

export type TlsFlow = { refused: boolean; note: string; steps: TlsStep[]; totalRtts: number; tlsRtts: number };

/**
 * Builds the message sequence. RTT totals come from the evaluator's handshakeRtts so this widget and a
 * design score can never disagree.
 */
export function tlsFlow(version: TlsVersion, returning: boolean): TlsFlow {
  if (version === "1.0" || version === "1.1") {
    return {
      refused: true,
      note: `TLS ${version} is refused: modern servers and browsers only accept 1.2 and 1.3 (the handshake ends with a protocol_version alert).`,
      steps: [
        { title: "TCP handshake", from: "both", carries: ["SYN, SYN-ACK, ACK"], rtts: 1, keys: "none", attackerSees: "Addresses and ports." },
        { title: "ClientHello (old version)", from: "client", carries: [`TLS ${version} only`], rtts: 1, keys: "none", attackerSees: "The offered version and SNI." },
        { title: "Alert: protocol_version", from: "server", carries: ["Handshake aborted"], rtts: 2, keys: "none", attackerSees: "The alert." },
      ],
      totalRtts: 2,
      tlsRtts: 1,
    };
  }
  const resumption = returning ? (version === "1.3" ? "0rtt" : "session") : "none";
  const cost = handshakeRtts({ transport: "tcp", tls: version, resumption });
  const tcp = cost.tcpRtts;
  const total = tcp + cost.tlsRtts;
  const steps: TlsStep[] = [
    { title: "TCP handshake", from: "both", carries: ["SYN → SYN-ACK → ACK"], rtts: tcp, keys: "none", attackerSees: "Addresses and ports only: no TLS yet." },
  ];
  const encrypted = `Ciphertext: ${cipherPreview(REQUEST)}… (the request is unreadable)`;
  if (version === "1.3" && returning) {
    steps.push({
      title: "ClientHello + early data (0-RTT)",
      from: "client",
      carries: ["Pre-shared key from the last visit", "Key share", `SNI: ${SERVER_NAME}`, `Early data: ${REQUEST} (encrypted)`],
      rtts: tcp,
      keys: "derived",
      attackerSees: `SNI ${SERVER_NAME} (visible unless ECH is used), then ${encrypted}`,
    });
    steps.push({
      title: "ServerHello + Finished + response",
      from: "server",
      carries: ["Accepts the pre-shared key", "Finished", "Response to the early request"],
      rtts: total + 1,
      keys: "derived",
      attackerSees: "Ciphertext only.",
    });
    return {
      refused: false,
      note: "0-RTT: the request leaves with the first flight. Caveat: early data can be replayed by an attacker, so servers should only accept it for safe, idempotent requests like GET.",
      steps,
      totalRtts: total,
      tlsRtts: cost.tlsRtts,
    };
  }
  if (version === "1.3") {
    steps.push({
      title: "ClientHello",
      from: "client",
      carries: ["Supported cipher suites", `SNI: ${SERVER_NAME}`, "Key share (the client's half of Diffie–Hellman)"],
      rtts: tcp,
      keys: "exchanging",
      attackerSees: `Cipher suites and SNI ${SERVER_NAME} (visible unless ECH is used). The key share is public by design.`,
    });
    steps.push({
      title: "ServerHello + certificate + Finished",
      from: "server",
      carries: ["Chosen cipher suite", "The server's key share", "Certificate chain (encrypted in 1.3)", "CertificateVerify signature", "Finished"],
      rtts: tcp + 1,
      keys: "derived",
      attackerSees: "The server's key share; everything after it is already encrypted, including the certificate.",
    });
    steps.push({
      title: "Finished + first request",
      from: "client",
      carries: ["Client Finished", `${REQUEST} in the same flight`],
      rtts: total,
      keys: "derived",
      attackerSees: encrypted,
    });
  } else {
    steps.push({
      title: "ClientHello",
      from: "client",
      carries: ["Supported cipher suites", `SNI: ${SERVER_NAME}`, returning ? "Session ticket from the last visit" : "Random"],
      rtts: tcp,
      keys: "none",
      attackerSees: `Cipher suites and SNI ${SERVER_NAME}.`,
    });
    if (returning) {
      steps.push({ title: "ServerHello + ChangeCipherSpec + Finished", from: "server", carries: ["Resumes the session: no certificate needed"], rtts: tcp + 1, keys: "derived", attackerSees: "Hello messages, then ciphertext." });
    } else {
      steps.push({
        title: "ServerHello + certificate + key exchange",
        from: "server",
        carries: ["Chosen cipher suite", "Certificate chain (in the clear in 1.2)", "ServerKeyExchange (Diffie–Hellman share, signed)", "ServerHelloDone"],
        rtts: tcp + 1,
        keys: "exchanging",
        attackerSees: "The certificate in plaintext and the server's key share.",
      });
      steps.push({ title: "ClientKeyExchange + Finished", from: "client", carries: ["The client's key share", "ChangeCipherSpec", "Finished"], rtts: tcp + 1, keys: "derived", attackerSees: "The client's key share, then ciphertext." });
      steps.push({ title: "ChangeCipherSpec + Finished", from: "server", carries: ["Finished"], rtts: tcp + 2, keys: "derived", attackerSees: "Ciphertext only." });
    }
    steps.push({ title: "First request", from: "client", carries: [REQUEST], rtts: total, keys: "derived", attackerSees: encrypted });
  }
  steps.push({ title: "Response", from: "server", carries: ["200 OK (encrypted with the shared symmetric key)"], rtts: total + 1, keys: "derived", attackerSees: "Ciphertext only." });
  const note =
    version === "1.3"
      ? `TLS 1.3: ${cost.tlsRtts} RTT on top of TCP, ${total} RTT before the request leaves.`
      : returning
        ? `TLS 1.2 with session resumption: ${cost.tlsRtts} RTT on top of TCP.`
        : `TLS 1.2: ${cost.tlsRtts} RTT on top of TCP, ${total} RTT before the request leaves.`;
  return { refused: false, note, steps, totalRtts: total, tlsRtts: cost.tlsRtts };
}

/** A short stand-in for ciphertext: hex of a keyed hash, never the plaintext. */
export function cipherPreview(plaintext: string, key = "session-key"): string {
  return (fnv1a(`${key}|${plaintext}`).toString(16).padStart(8, "0") + fnv1a(`${plaintext}|${key}`).toString(16).padStart(8, "0")).slice(0, 16);
}

export type Certificate = { subject: string; issuer: string; trustedRoot: boolean; signatureValid: boolean; expired: boolean; revoked: boolean };

export type ChainCheck = { name: string; ok: boolean; why: string };

/** The client's certificate checks in order; the first failure aborts the handshake. */
export function verifyCertificate(cert: Certificate, hostname = SERVER_NAME): { ok: boolean; checks: ChainCheck[]; failedAt: string | null } {
  const checks: ChainCheck[] = [
    { name: "Chain ends at a trusted root", ok: cert.trustedRoot, why: cert.trustedRoot ? `Issued by ${cert.issuer}, which chains to a root in the trust store.` : `${cert.issuer} is not in the trust store.` },
    { name: "Signatures valid", ok: cert.signatureValid, why: cert.signatureValid ? "Every signature in the chain verifies." : "A signature does not verify: the certificate was altered or forged." },
    { name: "Not expired", ok: !cert.expired, why: cert.expired ? "The validity period is over." : "Within its validity period." },
    { name: "Not revoked", ok: !cert.revoked, why: cert.revoked ? "The issuer has revoked it." : "Not on the issuer's revocation list." },
    { name: "Hostname matches", ok: cert.subject === hostname, why: cert.subject === hostname ? `Issued for ${hostname}.` : `Issued for ${cert.subject}, not ${hostname}.` },
  ];
  const failed = checks.find((c) => !c.ok);
  return { ok: !failed, checks, failedAt: failed?.name ?? null };
}

/** One sentence for the reader: how many of the checks a certificate passes, or the first it fails. */
export function certificateVerdict(label: string, result: ReturnType<typeof verifyCertificate>): string {
  if (result.ok) return `The ${label} passes all ${result.checks.length} checks.`;
  const passed = result.checks.filter((c) => c.ok).length;
  return `The ${label} fails “${result.failedAt}” (${passed} of ${result.checks.length} checks pass).`;
}

export const GENUINE_CERT: Certificate = { subject: SERVER_NAME, issuer: "Example Issuing CA", trustedRoot: true, signatureValid: true, expired: false, revoked: false };
/** What a man in the middle presents: a certificate for the right name from an authority nobody trusts. */
export const FORGED_CERT: Certificate = { subject: SERVER_NAME, issuer: "Attacker's own CA", trustedRoot: false, signatureValid: true, expired: false, revoked: false };

export type SealedRecord = { ciphertext: number[]; tag: string };

/** A toy authenticated encryption: XOR keystream plus a keyed tag, enough to show tampering is detected. */
export function seal(plaintext: string, key = "session-key"): SealedRecord {
  const bytes = Array.from(plaintext, (ch, i) => (ch.charCodeAt(0) ^ (fnv1a(`${key}#${i}`) & 0xff)) & 0xff);
  return { ciphertext: bytes, tag: tagOf(bytes, key) };
}

function tagOf(bytes: number[], key: string): string {
  return fnv1a(`${key}|${bytes.join(",")}`).toString(16).padStart(8, "0");
}

export function open(record: SealedRecord, key = "session-key"): { ok: true; plaintext: string } | { ok: false; reason: string } {
  if (tagOf(record.ciphertext, key) !== record.tag) return { ok: false, reason: "Authentication tag mismatch: the record was altered in transit, so it is rejected and the connection closed." };
  return { ok: true, plaintext: record.ciphertext.map((b, i) => String.fromCharCode(b ^ (fnv1a(`${key}#${i}`) & 0xff))).join("") };
}

/** Flips one bit of one byte, as an attacker on the path might. */
export function flipByte(record: SealedRecord, index = 0): SealedRecord {
  const ciphertext = record.ciphertext.map((b, i) => (i === index ? b ^ 0x01 : b));
  return { ...record, ciphertext };
}

export type AttackId = "mitm" | "eavesdrop" | "tamper";

export const ATTACKS: readonly { id: AttackId; name: string; attempt: string; stoppedBy: string }[] = [
  {
    id: "mitm",
    name: "Man in the middle",
    attempt: "The attacker answers in place of the server with its own certificate, hoping to decrypt and re-encrypt everything.",
    stoppedBy: "Certificate verification: a trusted root, valid signatures, nothing expired or revoked, and a matching hostname. The server's private key never leaves the server, so nobody else can sign CertificateVerify.",
  },
  {
    id: "eavesdrop",
    name: "Eavesdropping",
    attempt: "The attacker records every packet, hoping to read passwords and data.",
    stoppedBy: "Encryption: both sides derived the same secret with Diffie–Hellman without ever sending it, then use a symmetric cipher such as AES-256-GCM. The attacker sees only ciphertext.",
  },
  {
    id: "tamper",
    name: "Tampering",
    attempt: "The attacker flips bytes in a record, hoping to change an amount or a path.",
    stoppedBy: "Authentication tags: every record carries a tag computed with the session key; a single changed bit makes the tag check fail and the record is rejected.",
  },
];
