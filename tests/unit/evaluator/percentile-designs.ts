import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadExample, type Doc } from "./helpers";

const GRADED = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));

/** The reference examples and the whole graded corpus. */
export function designs(): [string, Doc][] {
  const out: [string, Doc][] = [];
  for (const name of ["three-tier", "global-read-heavy", "payments-idempotency", "generated-50"])
    out.push([name, loadExample(name)]);
  for (const problem of readdirSync(GRADED, { withFileTypes: true })) {
    if (!problem.isDirectory()) continue;
    for (const f of readdirSync(`${GRADED}${problem.name}`).sort()) {
      if (f.endsWith(".json"))
        out.push([`${problem.name}/${f}`, JSON.parse(readFileSync(`${GRADED}${problem.name}/${f}`, "utf8")).design]);
    }
  }
  return out;
}

/**
 * A client calling one service that makes 14 coin-flip calls (probability 0.5 each, own times 2^i / 100 ms):
 * 2¹⁴ outcomes, past what the closed form and the numeric grid may combine, so it is sampled. With `spread`
 * every service's p99 is 3× its median (lognormal), so the sampled percentiles move with the seed.
 */
export function coinFlips(spread = false): Doc {
  const calls = Array.from({ length: 14 }, (_, i) => i);
  const time = (ms: number) => (spread ? { serviceTimeMs: ms, serviceTimeP99Ms: 3 * ms } : { serviceTimeMs: ms });
  return {
    version: 1,
    name: "coins",
    scenario: { rps: 1, readRatio: 1 },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { ...time(1), replicas: 2 } },
      ...calls.map((i) => ({ id: `s${i}`, kind: "service", props: { ...time(2 ** i / 100), replicas: 2 } })),
    ],
    edges: [
      { id: "e", from: "c", to: "api", props: { rttMs: 1, timeoutMs: 5000 } },
      ...calls.map((i) => ({
        id: `e${i}`,
        from: "api",
        to: `s${i}`,
        props: { rttMs: 0.5, callProbability: 0.5, keepAlive: true, timeoutMs: 5000 },
      })),
    ],
  };
}

/** The q-quantile (ms) of Erlang-2 at rate r (1/ms): F(t) = 1 − e^(−rt)(1 + rt), inverted by bisection. */
export function erlang2Quantile(r: number, q: number): number {
  let lo = 0;
  let hi = 100 / r;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (1 - Math.exp(-r * mid) * (1 + r * mid) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}
