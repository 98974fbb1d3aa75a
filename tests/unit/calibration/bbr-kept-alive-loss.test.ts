import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bbrKeptAliveLossConfigs } from "@/scripts/calibrate/configs";
import { judgeRun, withinTen } from "@/scripts/calibrate/ledger";
import { parseLabResults } from "@/scripts/calibrate/results";

// BBR on lossy kept-alive connections, measured by the lab (npm run calibrate -- --matrix bbr-kept-alive-loss --reps 7
// --loss-reps 101 --parallel 4 --seed 15001 --out docs/calibration-bbr-kept-alive-loss.json): 1 % random loss, the
// second of two identical requests, 100 kB and 1 MB at 40, 100 and 200 ms. The evaluator charges each random loss
// BBR_RTTS_PER_RANDOM_LOSS, fitted on new connections; no kept-alive row under loss had been measured before.

const file = "calibration-bbr-kept-alive-loss.json";
const results = parseLabResults(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), "utf8"));
const judged = judgeRun(file, results);
const at = (rtt: number, size: string) => judged.find((j) => j.id === `bbr-rtt${rtt}-loss1-tls1.3-h2-ka-${size}`);

describe("BBR on lossy kept-alive connections", () => {
  it("covers the matrix the lab runs, 101 repetitions each, with the client's receive buffer raised", () => {
    expect(results.measurements.map((m) => m.config.id).sort()).toEqual(bbrKeptAliveLossConfigs().map((c) => c.id).sort());
    for (const m of results.measurements) expect(m.samples.length, m.config.id).toBeGreaterThanOrEqual(101);
    expect(results.machine.clientTcpRmem).toBe("4096 4194304 16777216");
  });

  it("100 kB within 10 % (the rule a little fast); 1 MB within 15 % but slow: the open gap, stated", () => {
    for (const rtt of [40, 100, 200]) {
      const small = at(rtt, "100kB");
      const large = at(rtt, "1MB");
      if (!small || !large) throw new Error(`missing rows at ${rtt} ms`);
      expect(withinTen(small), small.id).toBe(true);
      expect(small.errorPct, small.id).toBeLessThan(0);
      // The rule adds 0.29 RTT per loss, as on a new connection; a kept-alive connection paces at its full rate and
      // repairs its ~7 losses of 1 MB alongside, so the rule overcharges (+10 to +13 %).
      expect(large.errorPct, large.id).toBeGreaterThan(0);
      expect(large.errorPct, large.id).toBeLessThan(15);
    }
  });
});
