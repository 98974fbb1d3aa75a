import { describe, expect, it } from "vitest";
import { SERVICES, connectionLine, ephemeralPort, rangeOf } from "@/lib/core/widgets/ports/model";

describe("W8 port explorer", () => {
  it("classifies the ranges", () => {
    expect([0, 1023, 1024, 49151, 49152, 65535].map(rangeOf)).toEqual(["well-known", "well-known", "registered", "registered", "ephemeral", "ephemeral"]);
    expect(() => rangeOf(65536)).toThrow();
  });

  it("puts 3000, 3306, 5432, 6379 and 8080 in the registered range", () => {
    for (const p of [3000, 3306, 5432, 6379, 8080]) expect(rangeOf(p)).toBe("registered");
    for (const p of [22, 80, 443]) expect(rangeOf(p)).toBe("well-known");
    expect(SERVICES.find((s) => s.port === 53)?.protocol).toBe("UDP");
  });

  it("re-rolled client ports always stay in 49152–65535 (or Linux's range)", () => {
    for (let seed = 1; seed < 20; seed++) {
      for (let roll = 0; roll < 200; roll++) {
        const p = ephemeralPort(seed, roll);
        expect(p).toBeGreaterThanOrEqual(49152);
        expect(p).toBeLessThanOrEqual(65535);
        const l = ephemeralPort(seed, roll, true);
        expect(l).toBeGreaterThanOrEqual(32768);
        expect(l).toBeLessThanOrEqual(60999);
      }
    }
  });

  it("writes the connection summary", () => {
    expect(connectionLine(52341, SERVICES[0]!)).toBe("192.168.1.42:52341 → 198.51.100.34:443 via TCP");
  });
});
