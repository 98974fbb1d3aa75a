import { describe, expect, it } from "vitest";
import { FORGED_CERT, certificateVerdict, GENUINE_CERT, REQUEST, flipByte, open, seal, tlsFlow, verifyCertificate } from "@/lib/core/widgets/tls/model";

describe("W6 TLS stepper", () => {
  it("TLS 1.3 costs 1 RTT on top of TCP (2 in total); TLS 1.2 costs 2", () => {
    expect(tlsFlow("1.3", false)).toMatchObject({ tlsRtts: 1, totalRtts: 2 });
    expect(tlsFlow("1.2", false)).toMatchObject({ tlsRtts: 2, totalRtts: 3 });
    expect(tlsFlow("1.3", false).steps[0]?.title).toBe("TCP handshake");
  });

  it("returning visitors get 0-RTT with 1.3 (with a replay caveat) and 1-RTT resumption with 1.2", () => {
    const zero = tlsFlow("1.3", true);
    expect(zero.tlsRtts).toBe(0);
    expect(zero.note).toMatch(/replay/);
    expect(tlsFlow("1.2", true).tlsRtts).toBe(1);
  });

  it("ClientHello carries suites, SNI and key share; the client's Finished travels with the request", () => {
    const steps = tlsFlow("1.3", false).steps;
    expect(steps[1]?.carries.join(" ")).toMatch(/cipher suites.*SNI.*Key share/is);
    expect(steps[2]?.carries.join(" ")).toMatch(/Certificate.*Finished/s);
    expect(steps[3]?.carries).toEqual(["Client Finished", `${REQUEST} in the same flight`]);
  });

  it("refuses TLS 1.0 and 1.1", () => {
    expect(tlsFlow("1.0", false).refused).toBe(true);
    expect(tlsFlow("1.1", false).refused).toBe(true);
  });

  it("the attacker never sees plaintext after the handshake, in any mode", () => {
    for (const v of ["1.2", "1.3"] as const) {
      for (const returning of [false, true]) {
        for (const s of tlsFlow(v, returning).steps.filter((x) => x.keys === "derived")) expect(s.attackerSees).not.toContain(REQUEST);
      }
    }
  });

  it("a forged certificate fails at the chain check", () => {
    expect(verifyCertificate(GENUINE_CERT).ok).toBe(true);
    const forged = verifyCertificate(FORGED_CERT);
    expect(forged.ok).toBe(false);
    expect(forged.failedAt).toBe("Chain ends at a trusted root");
    expect(verifyCertificate({ ...GENUINE_CERT, subject: "evil.example.net" }).failedAt).toBe("Hostname matches");
  });

  it("says in words how a certificate fared, never a bare true or false", () => {
    expect(certificateVerdict("genuine certificate", verifyCertificate(GENUINE_CERT))).toBe("The genuine certificate passes all 5 checks.");
    const expired = certificateVerdict("certificate", verifyCertificate({ ...GENUINE_CERT, expired: true }));
    expect(expired).toBe("The certificate fails “Not expired” (4 of 5 checks pass).");
    for (const text of [expired, certificateVerdict("forged certificate", verifyCertificate(FORGED_CERT))]) expect(text).not.toMatch(/\b(true|false)\b/);
  });
  it("flipping one byte makes the record fail its tag check", () => {
    const rec = seal(REQUEST);
    expect(open(rec)).toEqual({ ok: true, plaintext: REQUEST });
    for (let i = 0; i < REQUEST.length; i++) expect(open(flipByte(rec, i)).ok).toBe(false);
  });
});
