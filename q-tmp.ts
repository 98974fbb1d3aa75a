import { readFileSync } from "node:fs";
import { transferTimeQuantilesMs } from "@/lib/core/evaluator/transfer-fit";
const d = JSON.parse(readFileSync("docs/calibration-kept-alive-loss.json", "utf8"));
const pct = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); const i = (s.length - 1) * p; const lo = Math.floor(i); const hi = Math.min(lo + 1, s.length - 1); return s[lo]! + (s[hi]! - s[lo]!) * (i - lo); };
const qs = [0.1, 0.25, 0.5, 0.75, 0.9];
for (const m of d.measurements) {
  const c = m.config; if (!String(c.id).includes("ka-100kB")) continue;
  const after = m.samples.map((s: { totalMs: number; ttfbMs: number }) => (s.totalMs - s.ttfbMs) / c.rttMs);
  const ttfb = m.samples.map((s: { ttfbMs: number }) => s.ttfbMs / c.rttMs);
  const model = transferTimeQuantilesMs({ responseBytes: c.bytes, rttMs: c.rttMs, connection: "kept-alive", lossRate: 0.01, priorResponses: c.priorRequests ?? (String(c.id).includes("after9") ? 9 : 1) } as never, qs).map((x) => x / c.rttMs);
  console.log(c.id.padEnd(46), "ttfb", pct(ttfb, 0.5).toFixed(2), "meas", qs.map((q) => pct(after, q).toFixed(2)).join(" "), "| model", model.map((x) => x.toFixed(2)).join(" "));
}
