import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floorConfig, labConfigs } from "@/scripts/calibrate/configs";
import { responseSegments, transferTimeMs } from "@/lib/core/evaluator/transfer-fit";

describe("fitted transfer rule (lib/core/evaluator/transfer-fit.ts)", () => {
  it("charges a new connection the slow-start rounds of the bytes on the wire", () => {
    // 100 kB + framing + headers = 71 segments of 1,448 bytes: 10 + 20 + 40 < 71, so 4 rounds, 3 extra RTTs.
    expect(responseSegments(100_000)).toBe(71);
    expect(transferTimeMs({ responseBytes: 100_000, rttMs: 100, connection: "new" })).toBe(300);
    expect(transferTimeMs({ responseBytes: 1_000, rttMs: 100, connection: "new" })).toBe(0);
    expect(transferTimeMs({ responseBytes: 1_000_000, rttMs: 100, connection: "new" })).toBe(600);
  });

  it("keeps a kept-alive connection's window: one round up to ~64 kB, two up to 1 MB", () => {
    expect(transferTimeMs({ responseBytes: 30_000, rttMs: 100, connection: "kept-alive" })).toBe(0);
    expect(transferTimeMs({ responseBytes: 100_000, rttMs: 100, connection: "kept-alive" })).toBe(100);
    expect(transferTimeMs({ responseBytes: 1_000_000, rttMs: 100, connection: "kept-alive" })).toBe(100);
  });

  it("adds BBR's paced start-up only when there is more than one round", () => {
    expect(transferTimeMs({ responseBytes: 1_000, rttMs: 100, connection: "new", congestionControl: "bbr" })).toBe(0);
    expect(
      transferTimeMs({ responseBytes: 30_000, rttMs: 100, connection: "new", congestionControl: "bbr" }),
    ).toBeCloseTo(140, 9);
  });

  it("never gets faster with more loss or more bytes, and stays finite on huge inputs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.constantFrom("new" as const, "kept-alive" as const),
        fc.constantFrom("cubic" as const, "bbr" as const),
        (a, b, rttMs, lossRate, connection, congestionControl) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          const t = (bytes: number, loss: number) =>
            transferTimeMs({ responseBytes: bytes, rttMs, connection, congestionControl, lossRate: loss });
          expect(Number.isFinite(t(large, lossRate))).toBe(true);
          expect(t(large, 0)).toBeGreaterThanOrEqual(t(small, 0));
          expect(t(large, lossRate)).toBeGreaterThanOrEqual(t(large, 0));
        },
      ),
      { numRuns: 200 },
    );
    expect(
      Number.isFinite(transferTimeMs({ responseBytes: 1e300, rttMs: 1e300, connection: "new", lossRate: 1 })),
    ).toBe(true);
  });
});

describe("lab configurations", () => {
  it("gives every configuration and every floor its own id (a floor once kept its parent's id)", () => {
    const configs = labConfigs();
    const floors = configs.map(floorConfig);
    for (const [i, f] of floors.entries()) {
      expect(f.rttMs).toBe(0);
      expect(f.lossRate).toBe(0);
      expect(f.id).not.toBe(configs[i]?.id);
      expect(f.id).toContain("rtt0-loss0");
    }
    const ids = new Set([...configs.map((c) => c.id), ...floors.map((f) => f.id)]);
    expect(ids.size).toBe(configs.length + new Set(floors.map((f) => f.id)).size);
    expect(configs.length).toBeGreaterThanOrEqual(48);
  });
});
