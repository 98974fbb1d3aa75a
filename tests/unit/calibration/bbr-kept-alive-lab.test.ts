import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bbrKeptAliveRows, bbrKeptAliveSummary, type BbrKeptAliveRow } from "@/scripts/calibrate/bbr-kept-alive";
import { bbrKeptAliveConfigs } from "@/scripts/calibrate/configs";
import { parseLabResults } from "@/scripts/calibrate/results";

// BBR on kept-alive connections, measured by the lab (npm run calibrate -- --matrix bbr-kept-alive --out
// docs/calibration-bbr-kept-alive.json: RTT 10–200 ms, 1 kB–1 MB, TLS 1.3 h2 and TLS 1.2 HTTP/1.1, a 20 Mbit/s
// bottleneck at 40 ms, 11 repetitions). Model 2.8.0 gave BBR CUBIC's kept-alive rounds plus 0.4 RTT; Linux's BBR paces
// the response at its start-up gain over the previous response's bandwidth: ln 2 RTT (transfer-fit.ts).

const results = parseLabResults(
  readFileSync(new URL("../../../docs/calibration-bbr-kept-alive.json", import.meta.url), "utf8"),
);
const rows = bbrKeptAliveRows(results);
const kept = rows.filter((r) => r.config.connection === "kept-alive");
const rtts = (r: BbrKeptAliveRow) => (r.measured.totalMs - r.baseRttMs) / r.config.rttMs;

describe("the lab's BBR kept-alive rows", () => {
  it("cover the matrix the lab runs, each on the configured RTT", () => {
    expect(rows.map((r) => r.config.id).sort()).toEqual(bbrKeptAliveConfigs().map((c) => c.id).sort());
    // The bridge's RTT, as each connection's first handshake measured it (host connect time included).
    for (const r of rows) expect(Math.abs(r.baseRttMs - r.config.rttMs)).toBeLessThan(0.05 * r.config.rttMs);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(7);
  });

  it("30 kB–1 MB without a bottleneck end 0.6–0.8 RTT after the request's round, whatever the size and RTT", () => {
    const paced = kept.filter((r) => r.config.rateMbps === undefined && r.config.bytes >= 30_000);
    expect(paced).toHaveLength(20);
    for (const r of paced) {
      expect(rtts(r)).toBeGreaterThan(0.6);
      // Recorded: 0.66–0.72 over HTTP/2, 0.67–0.69 for HTTP/1.1's 1 MB, 0.79 for its 100 kB; the host's own ms weigh
      // most at 10 ms.
      expect(rtts(r)).toBeLessThan(0.8 + 2 / r.config.rttMs);
    }
    // Model 2.8's 1.4 RTT for 100 kB–1 MB is outside every one of them; its 0 for 30 kB too.
    expect(paced.every((r) => rtts(r) < 1.2)).toBe(true);
  });

  it("every kept-alive row within 10 % with model 2.9, mean ≤ 3 %; model 2.8 is off on most of them", () => {
    const after = bbrKeptAliveSummary(kept, "after");
    expect(after.within10).toBe(kept.length);
    expect(after.meanAbsErrorPct).toBeLessThanOrEqual(3);
    const before = bbrKeptAliveSummary(kept, "before");
    // Recorded: 5 of 26 within 10 % (the 1 kB rows and the 1 MB bottleneck row), mean error above 30 %.
    expect(before.within10).toBeLessThan(kept.length / 2);
    expect(before.meanAbsErrorPct).toBeGreaterThan(20);
  });

  it("the gain is the rule, not the host floor's method: with the main table's method every kept-alive row but 1 MB at 10 ms is within 10 % too", () => {
    expect(bbrKeptAliveSummary(kept, "afterHalfHost").within10).toBeGreaterThanOrEqual(kept.length - 1);
    // The paced method is the closer one where the floor's body is as long as the pacing (1 MB at 10 ms): −1.7 %
    // against the main table's method's +10.9 % (−1.2 and +8.4 % on the earlier method's run).
    const tight = kept.find((r) => r.config.id === "bbr-rtt10-loss0-tls1.3-h2-ka-1MB") as BbrKeptAliveRow;
    expect(Math.abs(tight.afterErrorPct)).toBeLessThan(Math.abs(tight.afterHalfHostErrorPct));
    for (const r of kept.filter((x) => x !== tight)) expect(Math.abs(r.afterHalfHostErrorPct), r.config.id).toBeLessThanOrEqual(10);
  });

  it("the warm first byte waits for the paced first 16 KiB record: within 0.025 RTT + 1 ms of the median without a bottleneck", () => {
    const paced = kept.filter((r) => r.config.rateMbps === undefined);
    for (const r of paced) expect(Math.abs(r.after.ttfbMs - r.measured.ttfbMs)).toBeLessThan(0.025 * r.config.rttMs + 1);
    // 30 kB: 0.31 RTT late at every RTT (model 0.33).
    for (const r of paced.filter((x) => x.config.bytes === 30_000))
      expect((r.measured.ttfbMs - r.baseRttMs) / r.config.rttMs).toBeGreaterThan(0.25);
  });

  it("behind the 20 Mbit/s bottleneck kept-alive responses are serialised at its rate, within 10 %", () => {
    const behind = kept.filter((r) => r.config.rateMbps !== undefined);
    expect(behind).toHaveLength(2);
    for (const r of behind) expect(Math.abs(r.afterErrorPct)).toBeLessThan(10);
  });
});
