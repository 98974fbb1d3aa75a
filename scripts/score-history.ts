import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluateDesign, MODEL_VERSION } from "../lib/core/evaluator/index";

// npx tsx scripts/score-history.ts [--from <git revision>]
//
// Scores ten representative designs of the graded corpus under model 1.x and under the current model and prints
// a markdown table (docs/model.md, "What changed from 1.x"). Model 1.x is not kept in the tree: it is taken from
// git history (by default the commit before MODEL_VERSION became 2.0.0), extracted with `git archive` into a
// temporary directory and imported from there, so the "before" column is what 1.x really computes.

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const GRADED = join(ROOT, "tests/fixtures/graded");

/** Ten designs the issue names or that stand for a class of mistake, with the expert's grade from the corpus. */
const DESIGNS = [
  "payments-idempotency/retries-everywhere-no-keys", // POSTs retried at four layers without idempotency keys
  "payments-idempotency/no-timeouts-no-breaker", // slow PSP without timeouts or a breaker
  "payments-idempotency/six-deep-chain", // six-deep synchronous chain of single replicas
  "payments-idempotency/slots-held-by-psp", // Little's law: slots held while waiting on the PSP
  "global-product-api/single-region-no-cdn", // far users of one us-east region
  "rate-limiter/limit-below-traffic", // a limiter that rejects half the traffic
  "url-shortener/db-public", // database reachable from the internet
  "news-feed-fanout/no-keepalive-h1", // every internal call opens a new connection
  "global-product-api/two-regions", // a client drawn to two regions (one of them per request)
  "url-shortener/reference", // a good URL shortener
] as const;

type Scored = { score: number; grade: string } | { invalid: string };
type Evaluate = (doc: unknown) => { ok: true; result: { score: number; grade: string } } | { ok: false; errors: unknown[] };

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

/** The last commit whose evaluator was model 1.x: the parent of the commit that introduced 2.0.0. */
function lastV1Commit(): string {
  const introduced = git("log", "--format=%H", "-S", 'MODEL_VERSION = "2.0.0"', "--reverse", "--", "lib/evaluator/defaults.ts");
  const first = introduced.split("\n")[0];
  if (!first) throw new Error("cannot find the commit that introduced model 2.0.0 in git history");
  return `${first}^`;
}

async function loadOldEvaluator(rev: string): Promise<{ evaluate: Evaluate; version: string; commit: string; cleanup: () => void }> {
  const commit = git("rev-parse", "--short", rev);
  const dir = mkdtempSync(join(tmpdir(), "roundtrip-model-1x-"));
  const tar = execFileSync("git", ["archive", "--format=tar", rev, "lib/evaluator", "lib/schemas"], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  // The old evaluator imports lib/schemas (pure data) and zod: let it resolve from this checkout's node_modules.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const mod = (await import(pathToFileURL(join(dir, "lib/evaluator/index.ts")).href)) as {
    evaluateDesign: Evaluate;
    MODEL_VERSION: string;
  };
  return {
    evaluate: mod.evaluateDesign,
    version: mod.MODEL_VERSION,
    commit,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function score(evaluate: Evaluate, doc: unknown): Scored {
  const r = evaluate(doc);
  if (!r.ok) return { invalid: `${r.errors.length} validation error${r.errors.length === 1 ? "" : "s"}` };
  return { score: r.result.score, grade: r.result.grade };
}

const cell = (s: Scored) => ("invalid" in s ? `rejected (${s.invalid})` : `${s.score} ${s.grade}`);

async function main() {
  const fromArg = process.argv.indexOf("--from");
  const rev = fromArg >= 0 ? process.argv[fromArg + 1] : lastV1Commit();
  if (!rev) throw new Error("--from needs a git revision");
  const old = await loadOldEvaluator(rev);
  try {
    const lines = [
      `| design | expert grade | model ${old.version} (${old.commit}) | model ${MODEL_VERSION} |`,
      "| --- | --- | --- | --- |",
    ];
    for (const name of DESIGNS) {
      const file = JSON.parse(readFileSync(join(GRADED, `${name}.json`), "utf8")) as { grade: string; design: unknown };
      const before = score(old.evaluate, structuredClone(file.design));
      const after = score(evaluateDesign as Evaluate, structuredClone(file.design));
      lines.push(`| ${name} | ${file.grade} | ${cell(before)} | ${cell(after)} |`);
    }
    console.log(lines.join("\n"));
  } finally {
    old.cleanup();
  }
}

await main();
