import { describe, expect, it } from "vitest";
import { createEnv } from "@/lib/server/kernel/env";
import { clientAddress } from "@/lib/server/kernel/request";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };

function headers(values: Record<string, string>) {
  return new Headers(values);
}

describe("TRUST_PROXY", () => {
  it("defaults to 0 and refuses nonsense", () => {
    expect(createEnv(base).TRUST_PROXY).toBe(0);
    expect(createEnv({ ...base, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(() => createEnv({ ...base, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(() => createEnv({ ...base, RATE_LIMIT_EVALUATE_PER_IP: "lots" })).toThrow(/RATE_LIMIT_EVALUATE_PER_IP/);
  });

  it("with 0 hops uses the socket address and ignores X-Forwarded-For and X-Real-IP", () => {
    const h = headers({ "x-roundtrip-peer": "203.0.113.5", "x-forwarded-for": "10.0.0.1, 10.0.0.2", "x-real-ip": "10.0.0.3" });
    expect(clientAddress(h, 0)).toBe("203.0.113.5");
    // A client rotating forged headers stays in one bucket.
    const forged = headers({ "x-roundtrip-peer": "203.0.113.5", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(forged, 0)).toBe("203.0.113.5");
  });

  it("with 1 hop takes the address our proxy appended, never what the client put before it", () => {
    // nginx (socket peer 127.0.0.1) appended $remote_addr 198.51.100.7 to the client's forged 6.6.6.6.
    const h = headers({ "x-roundtrip-peer": "127.0.0.1", "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddress(h, 1)).toBe("198.51.100.7");
    expect(clientAddress(headers({ "x-roundtrip-peer": "127.0.0.1", "x-forwarded-for": "198.51.100.7" }), 1)).toBe("198.51.100.7");
    // Two hops: CDN then nginx.
    expect(clientAddress(h, 2)).toBe("6.6.6.6");
    // A proxy declared but absent: the socket peer is all there is.
    expect(clientAddress(headers({ "x-roundtrip-peer": "203.0.113.5" }), 1)).toBe("203.0.113.5");
  });
});
