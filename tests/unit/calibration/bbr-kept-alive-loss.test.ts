import { describe, expect, it } from "vitest";
import { bbrKeptAliveLossConfigs } from "@/scripts/calibrate/configs";
import { withinTen } from "@/scripts/calibrate/ledger";
import { expectMatrix, recordedRun } from "./recorded-run";

// BBR on lossy kept-alive connections, measured by the lab (npm run calibrate -- --matrix bbr-kept-alive-loss --reps 7
// --loss-reps 101 --parallel 4 --seed 15001 --out docs/calibration-bbr-kept-alive-loss.json): 1 % random loss, the
// second of two identical requests, 100 kB and 1 MB at 40, 100 and 200 ms. The evaluator charges each random loss
// BBR_RTTS_PER_RANDOM_LOSS, fitted on new connections; no kept-alive row under loss had been measured before.

const { results, judged } = recordedRun("calibration-bbr-kept-alive-loss.json");
const at = (rtt: number, size: string) => judged.find((j) => j.id === `bbr-rtt${rtt}-loss1-tls1.3-h2-ka-${size}`);

describe("BBR on lossy kept-alive connections", () => {
  it("covers the matrix the lab runs, 101 repetitions each, with the client's receive buffer raised", () => {
    expectMatrix(results, bbrKeptAliveLossConfigs(), 101);
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
