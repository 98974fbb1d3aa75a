import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floorConfig, labConfigs } from "@/scripts/calibrate/configs";
import { responseSegments, transferExtraRtts, transferTimeMs } from "@/lib/core/evaluator/transfer-fit";

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

  it("gives the evaluator the same loss-free rounds as the lab's rule (transferExtraRtts × RTT)", () => {
    for (const responseBytes of [0, 1_000, 12_000, 14_600, 100_000, 300_000, 1_000_000, 5_000_000]) {
      for (const connection of ["new", "kept-alive"] as const) {
        expect(transferExtraRtts({ responseBytes, connection }) * 40).toBeCloseTo(
          transferTimeMs({ responseBytes, rttMs: 40, connection }),
          9,
        );
      }
    }
    expect(transferExtraRtts({ responseBytes: 1_000_000, connection: "new", congestionControl: "bbr" })).toBeCloseTo(
      6.4,
      9,
    );
  });

  it("keeps the loss-free median while a transfer expects at most one lost segment (100 kB at 1 %)", () => {
    // 71 segments × 1 % = 0.71 expected losses: the lab measured the loss-free median at every RTT.
    for (const rttMs of [10, 40, 100, 200]) {
      expect(transferTimeMs({ responseBytes: 100_000, rttMs, connection: "new", lossRate: 0.01 })).toBe(3 * rttMs);
    }
  });

  it("charges CUBIC at 1 % loss Cardwell's slow start, the Mathis-rate remainder and a share of timeouts", () => {
    // 1 MB = 693 segments: E[d_ss] = (1 − 0.99^693)·0.99/0.01 + 1 ≈ 99.9 in log2(99.9/10 + 1) ≈ 3.58 rounds; the
    // other ≈ 593 segments at 4·√(3/(2·0.01)) ≈ 49 segments per RTT; 1 + 593/49·(1 − 0.99^49) ≈ 5.7 loss events,
    // 0.65·3·√(0.03/8) ≈ 11.9 % of them ending in a timeout of RTT + 200 ms.
    const at = (rttMs: number) =>
      transferTimeMs({ responseBytes: 1_000_000, rttMs, connection: "new", lossRate: 0.01 });
    const rounds = 3.58 - 1 + 593 / 48.99 + 5.7 * (1 - 0.119);
    for (const rttMs of [10, 100, 200]) {
      expect(at(rttMs)).toBeGreaterThan(0.97 * (rounds * rttMs + 5.7 * 0.119 * (rttMs + 200)));
      expect(at(rttMs)).toBeLessThan(1.03 * (rounds * rttMs + 5.7 * 0.119 * (rttMs + 200)));
    }
    // The timeouts' fixed 200 ms weighs most on short paths: 10 ms costs far more than a tenth of 100 ms.
    expect(at(10)).toBeGreaterThan(0.15 * at(100));
    // BBR does not back off on random loss: far below CUBIC on the same path.
    expect(
      transferTimeMs({
        responseBytes: 1_000_000,
        rttMs: 100,
        connection: "new",
        lossRate: 0.01,
        congestionControl: "bbr",
      }),
    ).toBeLessThan(0.5 * at(100));
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
