import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabResults } from "@/scripts/calibrate/results";
import { ttfbRows, type TtfbRow } from "@/scripts/calibrate/ttfb";
import { H2_LATE_FIRST_RECORD_SHARE } from "@/lib/core/evaluator/transfer-fit";

// The cold TTFB against the lab's recorded new connections (no loss): the published run and the first-record
// experiment, both with nginx's default 16 KiB TLS records, the experiment's 4 KiB run, and 12,288- and 13,312-byte
// runs of its HTTP/1.1 row that place the threshold (a record plus its framing past the initial window's 14,480 bytes). Model 2.6.0 predicted every
// first byte as if the first record fit the first round; measured, HTTP/1.1's came a round late every time.

const run = (file: string, recordBytes: number) =>
  ttfbRows(parseLabResults(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), "utf8")), recordBytes);
const rows = [
  ...run("calibration-results.json", 16_384),
  ...run("calibration-first-record-16k.json", 16_384),
  ...run("calibration-first-record-4k.json", 4_096),
  // Between the two (model 2.7.0's threshold; re-measured quietly with the client's receive buffer raised, the earlier
  // method's runs in docs/calibration-kernel-rmem/): on time.
  ...run("calibration-first-record-12288.json", 12_288),
  ...run("calibration-first-record-13312.json", 13_312),
];

/**
 * Tolerance (ms), the same at every RTT: what the two hosts' own jitter leaves between the model and a median on this
 * loaded machine. The rows neither model moves (1 kB responses, 4 KiB records) sit within 5.3 ms of their measured
 * median; 10 ms is about twice that, and a quarter of the smallest RTT's late round (10 ms at 10 ms RTT is the edge).
 */
const TOLERANCE_MS = 10;
const label = (r: TtfbRow) => `${r.config.id} (${r.recordBytes} B records)`;
const h2Late = (r: TtfbRow) => r.config.http === "2" && r.recordBytes === 16_384 && r.config.bytes >= 30_000;

describe("cold TTFB of new connections: whole rounds", () => {
  const whole = rows.filter((r) => !h2Late(r));

  it("covers the experiment's three configurations in both runs, and every HTTP/1.1 and 1 kB row", () => {
    expect(whole.filter((r) => r.recordBytes === 4_096)).toHaveLength(3);
    expect(whole.filter((r) => r.config.http === "1.1" && r.config.bytes === 1_000_000)).toHaveLength(8);
    expect(whole.filter((r) => r.recordBytes === 12_288 || r.recordBytes === 13_312).map((r) => r.afterMs - r.beforeMs)).toEqual([0, 0]);
    expect(whole.length).toBeGreaterThanOrEqual(20);
  });

  it.each(whole.map((r) => [label(r), r] as const))("%s: within the tolerance of the measured median", (_, r) => {
    expect(Math.abs(r.afterMs - r.measuredMedianMs)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it("HTTP/1.1 with 16 KiB records is the rule's work: model 2.6 missed each of them by a whole RTT", () => {
    const h1 = whole.filter((r) => r.config.http === "1.1" && r.recordBytes === 16_384 && r.config.bytes > 16_384);
    for (const r of h1) {
      expect(r.late).toBe(r.n);
      expect(r.afterMs - r.beforeMs).toBeCloseTo(r.config.rttMs, 5);
      expect(Math.abs(r.beforeMs - r.measuredMedianMs)).toBeGreaterThan(TOLERANCE_MS);
    }
  });
});

describe("cold TTFB of new connections: HTTP/2's share of late first records", () => {
  const h2 = rows.filter(h2Late);

  it("the model's share is the pooled count of the recorded runs (30 of 250 repetitions)", () => {
    // With the client's receive buffer raised (model 2.12); the earlier method's runs had 144 of 404 (0.36).
    const late = h2.reduce((s, r) => s + r.late, 0);
    const n = h2.reduce((s, r) => s + r.n, 0);
    expect([late, n]).toEqual([30, 250]);
    expect(H2_LATE_FIRST_RECORD_SHARE).toBeCloseTo(late / n, 2);
  });

  it("pooled, the expected value meets the measured means (in RTTs, weighted by repetitions); 2.6's did not", () => {
    const n = h2.reduce((s, r) => s + r.n, 0);
    const off = (pick: (r: TtfbRow) => number) =>
      h2.reduce((s, r) => s + (r.n * (r.measuredMeanMs - pick(r))) / r.config.rttMs, 0) / n;
    // The hosts' own few ms are a fifth of a 10 ms RTT, so the measured means sit a little above any whole-round
    // rule. Model 2.6 (every first byte on time) is further off, early: 0.17 RTT on these runs (0.41 on the earlier
    // method's, where the late share was 0.36).
    const after = off((r) => r.afterMs);
    expect(Math.abs(after)).toBeLessThan(0.1);
    expect(off((r) => r.beforeMs)).toBeGreaterThan(Math.abs(after) + 0.1);
  });

  it("a per-size rule would explain nothing: each size's share is within two binomial standard errors of the pooled one (issue #12)", () => {
    const share = (rs: TtfbRow[]) => rs.reduce((s, r) => s + r.late, 0) / rs.reduce((s, r) => s + r.n, 0);
    const sizes = [...new Set(h2.map((r) => r.config.bytes))];
    expect(sizes.sort((a, b) => a - b)).toEqual([30_000, 100_000, 300_000, 1_000_000]);
    // 30 kB 5/56, 100 kB 13/69, 300 kB 4/28, 1 MB 8/97 against 30/250 pooled (the earlier method: 0.35-0.37 against 0.36).
    const p = share(h2);
    for (const b of sizes) {
      const mine = h2.filter((r) => r.config.bytes === b);
      const n = mine.reduce((s, r) => s + r.n, 0);
      expect(Math.abs(share(mine) - p), `${b} B`).toBeLessThan(2 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it.each(h2.map((r) => [label(r), r] as const))(
    "%s: the measured mean lies between the on-time and the one-round-late first byte",
    (_, r) => {
      // A mixture of the two modes, never two rounds late: the late ones wait for the first full record only.
      expect(r.measuredMeanMs).toBeGreaterThanOrEqual(r.beforeMs - TOLERANCE_MS);
      expect(r.measuredMeanMs).toBeLessThanOrEqual(r.beforeMs + r.config.rttMs + TOLERANCE_MS);
    },
  );
});
