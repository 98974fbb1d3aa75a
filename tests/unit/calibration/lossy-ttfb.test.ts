import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabResults } from "@/scripts/calibrate/results";
import { lossyTtfbRows } from "@/scripts/calibrate/ttfb";

// The cold TTFB of new connections over 1 % random loss (the published run's 10 rows, 801 repetitions each), which the
// TTFB comparison used to leave out. The evaluator's cold TTFB is an expected value: the loss-free steps plus the
// expected waits for a lost SYN, a lost handshake flight and a lost request (HopModel.lossMean). A lost SYN waits a
// whole second, so the measured mean has a standard error of 5-8 ms even over 801 repetitions; the tolerance is the
// loss-free comparison's 10 ms of host jitter plus two standard errors.

const rows = lossyTtfbRows(
  parseLabResults(readFileSync(new URL("../../../docs/calibration-results.json", import.meta.url), "utf8")),
);
const TOLERANCE_MS = 10;
const within = (r: (typeof rows)[number], x: number) => Math.abs(x - r.measuredMeanMs) <= TOLERANCE_MS + 2 * r.standardErrorMs;
/** Off by 4 standard errors (−31 ms, −4.1 %): see docs/calibration.md, "Time to first byte under random loss". */
const KNOWN_MISS = "bbr-rtt200-loss1-tls1.3-h2-new-1MB";

describe("cold TTFB over 1 % random loss", () => {
  it("covers the published run's ten random-loss rows", () => {
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(801);
  });

  it.each(rows.filter((r) => r.config.id !== KNOWN_MISS).map((r) => [r.config.id, r] as const))(
    "%s: the expected value within 10 ms + 2 standard errors of the measured mean; without the loss waits it is not",
    (_, r) => {
      expect(within(r, r.modelMs)).toBe(true);
      expect(within(r, r.lossFreeMs)).toBe(false);
    },
  );

  it("the one row outside it is late, not early, and within 5 % (what the report says of it)", () => {
    const r = rows.find((x) => x.config.id === KNOWN_MISS);
    expect(r).toBeDefined();
    if (!r) return;
    expect(within(r, r.modelMs)).toBe(false);
    expect(r.modelMs).toBeLessThan(r.measuredMeanMs);
    expect((r.measuredMeanMs - r.modelMs) / r.measuredMeanMs).toBeLessThan(0.05);
  });
});
