import { readFileSync } from "node:fs";
import { CHECKLIST_LINKS, evaluateDesign, type EvaluationResult, type ValidationError } from "../lib/core/evaluator/index";

// Command-line evaluator: npm run -s evaluate -- <design.json> [--seed N] [--format json|text]
// Exit codes: 0 scored; 1 bad arguments or unreadable file (message on stderr); 2 invalid design.
// File access lives here so that lib/core/evaluator stays pure.

const USAGE = "usage: npm run -s evaluate -- <design.json> [--seed N] [--format json|text]";

type Args = { file: string; seed?: number; format: "json" | "text" };

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let seed: number | undefined;
  let format: "json" | "text" = "json";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (name: string): string | undefined => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      const next = argv[i + 1];
      i += 1;
      return next;
    };
    if (a === "--seed" || a.startsWith("--seed=")) {
      const v = value("--seed");
      if (v === undefined || !/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
        return `--seed needs an integer, got ${JSON.stringify(v ?? "")}`;
      seed = Number(v);
    } else if (a === "--format" || a.startsWith("--format=")) {
      const v = value("--format");
      if (v !== "json" && v !== "text") return `--format must be json or text, got ${JSON.stringify(v ?? "")}`;
      format = v;
    } else if (a === "--help" || a === "-h") {
      return USAGE;
    } else if (a.startsWith("-")) {
      return `unknown option ${a}`;
    } else if (file === undefined) {
      file = a;
    } else {
      return `unexpected argument ${JSON.stringify(a)} (one design file at a time)`;
    }
  }
  if (file === undefined) return "missing the design file";
  return seed === undefined ? { file, format } : { file, seed, format };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    process.stderr.write(`${args}\n${args === USAGE ? "" : `${USAGE}\n`}`);
    return 1;
  }
  let text: string;
  try {
    text = readFileSync(args.file, "utf8");
  } catch (err) {
    process.stderr.write(`cannot read ${args.file}: ${(err as Error).message}\n`);
    return 1;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return invalid([{ path: "", message: `not valid JSON: ${(err as Error).message}` }], args.format);
  }
  const outcome = evaluateDesign(doc, args.seed === undefined ? {} : { seed: args.seed });
  if (!outcome.ok) return invalid(outcome.errors, args.format);
  process.stdout.write(
    args.format === "json" ? `${JSON.stringify(outcome.result, null, 2)}\n` : textReport(outcome.result),
  );
  return 0;
}

function invalid(errors: ValidationError[], format: "json" | "text"): number {
  if (format === "json") process.stdout.write(`${JSON.stringify({ errors })}\n`);
  else {
    process.stdout.write(`Invalid design (${errors.length} problem${errors.length === 1 ? "" : "s"}):\n`);
    for (const e of errors) process.stdout.write(`  ${e.path || "(document)"}: ${e.message}\n`);
  }
  return 2;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const ms = (x: number) => `${x.toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;

/** A readable report of a result (the same object the JSON format prints). */
function textReport(r: EvaluationResult): string {
  const out: string[] = [];
  const line = (s = "") => out.push(s);
  line(`Score ${r.score}/100  grade ${r.grade}  (model ${r.modelVersion})`);
  line(
    "  " +
      Object.entries(r.categories)
        .map(([k, v]) => `${k} ${v.score}`)
        .join(" · "),
  );
  if (r.scoreCap) line(`  capped at ${r.scoreCap.max}: ${r.scoreCap.reason}`);
  line();
  line("Cold request (first request of the main client), expected ms per step:");
  const maxStep = Math.max(1, ...r.latency.breakdown.map((s) => s.ms));
  let at = 0;
  const steps =
    r.latency.breakdown.length > 40
      ? [...r.latency.breakdown].sort((a, b) => b.ms - a.ms).slice(0, 40)
      : r.latency.breakdown;
  if (steps !== r.latency.breakdown) line(`  (${r.latency.breakdown.length} steps; the 40 largest, by size)`);
  for (const s of steps) {
    const width = Math.max(s.ms > 0 ? 1 : 0, Math.round((s.ms / maxStep) * 30));
    const offset = steps === r.latency.breakdown ? Math.round((at / Math.max(r.latency.coldLastByteMs, 1)) * 30) : 0;
    line(
      `  ${pad(s.step, 10)} ${pad(s.nodeId ?? s.edgeId ?? "", 22)} ${lpad(ms(s.ms), 11)}  ${" ".repeat(offset)}${"█".repeat(width)}`,
    );
    at += s.ms;
  }
  line(
    `  cold TTFB ${ms(r.latency.coldTtfbMs)} · cold last byte ${ms(r.latency.coldLastByteMs)} · warm TTFB ${ms(r.latency.warmTtfbMs)}`,
  );
  line(`  steady state: p50 ${ms(r.latency.p50Ms)} · p95 ${ms(r.latency.p95Ms)} · p99 ${ms(r.latency.p99Ms)}`);
  for (const c of r.latency.clients)
    line(
      `  ${pad(c.clientId, 22)} ${lpad(`${(c.share * 100).toFixed(0)} %`, 6)} of traffic: p50 ${ms(c.p50Ms)} · p99 ${ms(c.p99Ms)}${c.targetMet ? "" : "  ← misses the p99 target"}`,
    );
  for (const d of r.latency.delivery)
    line(`  async ${d.queueId} → ${d.consumerId}: expected ${ms(d.expectedMs)} · p99 ${ms(d.p99Ms)} end to end`);
  line();
  line("Capacity (busiest first):");
  const caps = [...r.capacity.nodes].sort((a, b) => b.utilization - a.utilization || a.nodeId.localeCompare(b.nodeId));
  for (const c of caps.slice(0, 15)) {
    line(
      `  ${pad(c.nodeId, 24)} ${lpad(c.arrivalRps.toLocaleString("en-US"), 12)} rps of ${lpad(c.capacityRps.toLocaleString("en-US"), 14)}  ${lpad((c.utilization * 100).toFixed(1), 7)} %${c.nodeId === r.capacity.bottleneckNodeId ? "  ← bottleneck" : ""}`,
    );
  }
  if (caps.length > 15) line(`  … ${caps.length - 15} more`);
  line();
  line(
    `Availability ${(r.availability.estimate * 100).toFixed(4)} % (${r.availability.nines} nines)` +
      (r.availability.spofs.length
        ? `; single points of failure: ${r.availability.spofs.join(", ")}`
        : "; no single point of failure"),
  );
  line();
  line("Checklist:");
  r.checklist.forEach((c, i) => {
    const mark = c.status === "pass" ? "✓" : c.status === "fail" ? "✗" : "–";
    line(
      `  ${lpad(String(i + 1), 2)}. ${mark} ${pad(c.id, 18)} ${pad(c.status, 5)} ${c.nodeIds.join(", ")}  ${CHECKLIST_LINKS[c.id]}`,
    );
  });
  line();
  line(`Findings (${r.findings.length}):`);
  for (const f of r.findings) {
    line(`  [${f.severity}] ${f.id}: ${f.title}`);
    line(`      ${f.detail}`);
    line(`      fix: ${f.fix}`);
    const where = [...f.nodeIds, ...f.edgeIds];
    if (where.length) line(`      where: ${where.join(", ")}`);
    line(`      learn: ${f.chapter}`);
  }
  if (r.findings.length === 0) line("  none");
  return `${out.join("\n")}\n`;
}

process.exitCode = main();
