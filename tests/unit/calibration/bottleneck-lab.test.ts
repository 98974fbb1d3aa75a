import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bottleneckRows, bottleneckSummary, type BottleneckRow } from "@/scripts/calibrate/bottleneck";
import { bottleneckConfigs } from "@/scripts/calibrate/configs";
import { parseLabResults } from "@/scripts/calibrate/results";

// Responses behind a bottleneck, measured by the lab (npm run calibrate -- --matrix bottleneck --out
// docs/calibration-bottleneck.json: CUBIC and BBR, new and kept-alive, 10/40/100 ms, 10 and 50 Mbit/s and 20 at 40 ms,
// 100 kB–3 MB, 7 repetitions). Model 2.9.0 took the larger of the rounds and the body's serialization; model 2.10.0
// climbs the window to the bottleneck's bandwidth-delay product and serialises the rest (transfer-fit.ts).

const results = parseLabResults(readFileSync(new URL("../../../docs/calibration-bottleneck.json", import.meta.url), "utf8"));
const rows = bottleneckRows(results);
const fresh = rows.filter((r) => r.config.connection === "new");
const kept = rows.filter((r) => r.config.connection === "kept-alive");
const row = (id: string) => rows.find((r) => r.config.id === id) as BottleneckRow;
/** The row of one configuration: congestion control, connection, RTT, rate and size as in configId. */
const at = (cc: string, conn: "new" | "ka", rtt: number, size: string, rate: number) =>
  row(`${cc}-rtt${rtt}-loss0-tls1.3-h2-${conn}-${size}-rate${rate}`);

describe("the lab's bottleneck rows", () => {
  it("cover the matrix the lab runs, each on the configured RTT", () => {
    expect(rows.map((r) => r.config.id).sort()).toEqual(bottleneckConfigs().map((c) => c.id).sort());
    // The handshake as curl saw it, host connect time (~0.4 ms on this machine) included; the lab's probe subtracts
    // that before it redoes a repetition more than 5 % off.
    for (const r of rows) expect(Math.abs(r.baseRttMs - r.config.rttMs)).toBeLessThan(0.05 * r.config.rttMs + 0.5);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(7);
  });

  it("a new connection pays the climb: every row within 10 % with model 2.10, mean ≤ 3 %; 2.9 is short on many", () => {
    const after = bottleneckSummary(fresh, "after");
    expect(after.within10).toBe(fresh.length);
    expect(after.meanAbsErrorPct).toBeLessThanOrEqual(3);
    // Recorded: 2.9 had 30 of 48 within 10 %, max 20 %, mean 8.7 %, every one of its misses short.
    const before = bottleneckSummary(fresh, "before");
    expect(before.within10).toBeLessThan(fresh.length * 0.7);
    expect(before.meanAbsErrorPct).toBeGreaterThan(6);
    for (const r of fresh.filter((x) => Math.abs(x.beforeErrorPct) > 10)) expect(r.beforeErrorPct).toBeLessThan(0);
  });

  it("the brief's row: 1 MB at 20 Mbit/s and 40 ms, 626 ms measured, 2.9 −16 %, 2.10 within 2 %, CUBIC and BBR alike", () => {
    for (const cc of ["cubic", "bbr"]) {
      const r = at(cc, "new", 40, "1MB", 20);
      expect(r.beforeErrorPct).toBeLessThan(-14);
      expect(Math.abs(r.afterErrorPct)).toBeLessThan(2);
    }
  });

  it("kept-alive rows start with a grown window: within 10 % but CUBIC's 100 kB rows that left in one round", () => {
    // Measured with the client's receive buffer raised. The model's first kept-alive round is 66 segments (model 2.13,
    // what the server's send buffer held after a 100 kB response, docs/model.md section 29): 100 kB (71) leaves 5 for a
    // second round. Behind 10 Mbit/s at 100 ms that second round overlaps the link's queue (+11 %), and behind 50 Mbit/s
    // at 100 ms 4 of 7 left in one round: the send buffer's knife edge of one segment (section 29). Model 2.12 (44
    // segments) also missed 20 Mbit/s at 40 ms (+15.7 %), which 2.13 puts within 0.1 %.
    const misses = kept.filter((r) => Math.abs(r.afterErrorPct) > 10);
    expect(misses.map((r) => r.config.id).sort()).toEqual([
      "cubic-rtt100-loss0-tls1.3-h2-ka-100kB-rate10",
      "cubic-rtt100-loss0-tls1.3-h2-ka-100kB-rate50",
    ]);
    expect(Math.abs(at("cubic", "ka", 40, "100kB", 20).afterErrorPct)).toBeLessThan(1);
    for (const r of misses) {
      const m = results.measurements.find((x) => x.config.id === r.config.id);
      const totals = (m?.samples ?? []).map((s) => s.totalMs);
      // The model is slow, by less than a round: the fast mode is the whole response serialised after one round trip.
      expect(r.afterErrorPct, r.config.id).toBeGreaterThan(0);
      expect(totals.filter((t) => t < r.after.totalMs - 0.1 * r.config.rttMs).length, r.config.id).toBeGreaterThanOrEqual(4);
    }
    expect(bottleneckSummary(kept, "after").meanAbsErrorPct).toBeLessThanOrEqual(6);
    // After 300 kB or more, CUBIC's first kept-alive round is not 66 segments: 300 kB at 40 ms behind 50 Mbit/s ends
    // within 5 % of the whole response serialised at once, where 66 then the rest an RTT later would be far slower.
    expect(Math.abs(at("cubic", "ka", 40, "300kB", 50).afterErrorPct)).toBeLessThan(5);
  });

  it("every row: 94 of 96 within 10 % with model 2.13, mean ≤ 2.1 %; 2.9: 75 of 96, mean 7 %", () => {
    const after = bottleneckSummary(rows, "after");
    expect(after.within10).toBe(rows.length - 2);
    // 2.01 % (the two rows above; model 2.12: 93 of 96, 2.42 %).
    expect(after.meanAbsErrorPct).toBeLessThanOrEqual(2.1);
    const before = bottleneckSummary(rows, "before");
    expect(before.within10).toBeLessThanOrEqual(80);
  });
});
