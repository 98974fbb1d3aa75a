import { mulberry32 } from "@/lib/core/util/prng";

// W23: the WebSocket opening handshake (RFC 6455 §4), the frame header (§5.2) and heartbeats against idle
// timeouts. SHA-1 is implemented here so the widget works synchronously in any JavaScript runtime.

export const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
export const RFC_EXAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** SHA-1 (FIPS 180-4) of a byte array; 20-byte digest. */
export function sha1(bytes: Uint8Array): Uint8Array {
  const ml = bytes.length * 8;
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(ml / 2 ** 32));
  view.setUint32(padded.length - 4, ml >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number), 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const temp = (rotl(a, 5) + (f >>> 0) + e + k + (w[i] as number)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => ov.setUint32(i * 4, h));
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? "=" : B64[(n >> 6) & 63];
    out += c === undefined ? "=" : B64[n & 63];
  }
  return out;
}

export function toHex(bytes: Uint8Array | number[]): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** Sec-WebSocket-Accept = base64(SHA-1(key + GUID)). */
export function acceptFor(key: string): string {
  return base64(sha1(utf8(key + WS_GUID)));
}

/** A valid key is the base64 encoding of 16 bytes: 24 characters ending in "==" (RFC 6455 §4.1). */
export function keyProblem(key: string): string | undefined {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return "A client must send 16 random bytes in base64 (24 characters ending in ==); a server should refuse anything else with 400 Bad Request.";
  return undefined;
}

/** A fresh, reproducible key from a seed (16 bytes from the seeded generator). */
export function keyFromSeed(seed: number): string {
  const rand = mulberry32(seed);
  return base64(Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256)));
}

export function upgradeRequest(key: string): string[] {
  return [
    "GET /chat HTTP/1.1",
    "Host: app.example.com",
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${key}`,
    "Sec-WebSocket-Version: 13",
    "Origin: https://app.example.com",
  ];
}

export function upgradeResponse(key: string): string[] {
  return ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Accept: ${acceptFor(key)}`];
}

export type FrameKind = "text" | "binary" | "ping" | "pong" | "close";
export const OPCODES: Record<FrameKind, number> = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa };
export type Direction = "client" | "server";

export type Frame = {
  n: number;
  atS: number;
  from: Direction;
  kind: FrameKind;
  opcode: number;
  payloadBytes: number;
  masked: boolean;
  maskKey: number[] | undefined;
  header: number[];
  note: string;
};

/** The frame header bytes: FIN + opcode, MASK + length (7, 7+16 or 7+64 bits), then the masking key. */
export function frameHeader(opcode: number, payloadBytes: number, maskKey: number[] | undefined): number[] {
  const out = [0x80 | opcode];
  const maskBit = maskKey ? 0x80 : 0;
  if (payloadBytes <= 125) out.push(maskBit | payloadBytes);
  else if (payloadBytes <= 0xffff) out.push(maskBit | 126, payloadBytes >> 8, payloadBytes & 0xff);
  else {
    out.push(maskBit | 127);
    const hi = Math.floor(payloadBytes / 2 ** 32);
    const lo = payloadBytes >>> 0;
    out.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
  }
  if (maskKey) out.push(...maskKey);
  return out;
}

export type Session = {
  seed: number;
  /** Seconds since the upgrade. */
  nowS: number;
  /** Last time anything crossed the connection. */
  lastTrafficS: number;
  frames: Frame[];
  state: "open" | "closed" | "dropped";
  droppedAtS: number | undefined;
  /** Count of masking keys drawn so far (so keys are reproducible from the seed). */
  draws: number;
};

export function newSession(seed: number): Session {
  return { seed, nowS: 0, lastTrafficS: 0, frames: [], state: "open", droppedAtS: undefined, draws: 0 };
}

function maskKeyFor(seed: number, draw: number): number[] {
  const rand = mulberry32((seed * 7919 + draw) >>> 0);
  return [0, 0, 0, 0].map(() => Math.floor(rand() * 256));
}

const DEFAULT_PAYLOAD: Record<FrameKind, { bytes: number; note: string }> = {
  text: { bytes: 0, note: "" },
  binary: { bytes: 4096, note: "4 KB of binary data" },
  ping: { bytes: 0, note: "heartbeat: are you there?" },
  pong: { bytes: 0, note: "heartbeat answer" },
  close: { bytes: 2, note: "status 1000: normal closure" },
};

/** Sends a frame; client frames are always masked (RFC 6455 §5.3). */
export function sendFrame(s: Session, from: Direction, kind: FrameKind, text = ""): Session {
  if (s.state !== "open") return s;
  const payloadBytes = kind === "text" ? utf8(text).length : DEFAULT_PAYLOAD[kind].bytes;
  const masked = from === "client";
  const maskKey = masked ? maskKeyFor(s.seed, s.draws) : undefined;
  const frame: Frame = {
    n: s.frames.length + 1,
    atS: s.nowS,
    from,
    kind,
    opcode: OPCODES[kind],
    payloadBytes,
    masked,
    maskKey,
    header: frameHeader(OPCODES[kind], payloadBytes, maskKey),
    note: kind === "text" ? `"${text}"` : DEFAULT_PAYLOAD[kind].note,
  };
  let next: Session = { ...s, frames: [...s.frames, frame], lastTrafficS: s.nowS, draws: s.draws + (masked ? 1 : 0) };
  if (kind === "ping") next = sendFrame(next, from === "client" ? "server" : "client", "pong");
  if (kind === "close") next = { ...next, state: "closed" };
  return next;
}

/**
 * Lets the connection sit idle for `seconds`. With heartbeats every `pingEveryS` seconds the client pings and the
 * server answers; a middlebox drops the connection silently once it has seen no traffic for `idleTimeoutS`.
 */
export function idle(s: Session, seconds: number, idleTimeoutS: number, pingEveryS: number | null): Session {
  let cur = s;
  const end = s.nowS + Math.max(0, seconds);
  while (cur.state === "open") {
    const nextPing = pingEveryS !== null ? cur.lastTrafficS + pingEveryS : Infinity;
    const dropAt = cur.lastTrafficS + idleTimeoutS;
    if (dropAt <= nextPing && dropAt <= end) return { ...cur, nowS: end, state: "dropped", droppedAtS: dropAt };
    if (nextPing > end) return { ...cur, nowS: end };
    cur = sendFrame({ ...cur, nowS: nextPing }, "client", "ping");
  }
  return { ...cur, nowS: end };
}
