import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { EXAMPLES_DIR, ROOT, loadExample } from "./helpers";

// Spawns the real command line as `npm run -s evaluate` does: the launcher, which runs scripts/evaluate.ts bundled
// by esbuild (rebuilt first when a source is newer than the bundle).
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["scripts/evaluate-cli.cjs", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A stale bundle is rebuilt by the first run, and spawning takes seconds on the shared 2-core machine.
const SLOW = 240_000;

describe("scripts/evaluate.ts, bundled (scripts/evaluate-cli.cjs)", () => {
  it(
    "json on a tiny design: the library's result object, exit 0, from a freshly built bundle",
    () => {
      const build = spawnSync(process.execPath, ["scripts/evaluate-cli.cjs", "--build"], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(build.status).toBe(0);
      const r = run(`${EXAMPLES_DIR}single-server.json`);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      const expected = evaluateDesign(loadExample("single-server"));
      expect(expected.ok && JSON.parse(r.stdout)).toEqual(expected.ok && expected.result);
    },
    SLOW,
  );
  it(
    "json: stdout is exactly the result object, exit 0",
    () => {
      const r = run(`${EXAMPLES_DIR}three-tier.json`, "--format", "json", "--seed", "5");
      expect(r.code).toBe(0);
      const expected = evaluateDesign(loadExample("three-tier"), { seed: 5 });
      expect(expected.ok && JSON.parse(r.stdout)).toEqual(expected.ok && expected.result);
    },
    SLOW,
  );
  it(
    "invalid design: exit 2 with the error list",
    () => {
      const bad = JSON.stringify({
        version: 1,
        name: "x",
        nodes: [{ id: "a", kind: "client" }],
        edges: [
          { id: "e", from: "a", to: "b" },
          { id: "f", from: "a", to: "c" },
        ],
      });
      const dir = mkdtempSync(join(tmpdir(), "evaluator-cli-"));
      const file = join(dir, "bad.json");
      writeFileSync(file, bad);
      const r = run(file);
      rmSync(dir, { recursive: true, force: true });
      expect(r.code).toBe(2);
      const out = JSON.parse(r.stdout);
      expect(out.errors.map((e: { path: string }) => e.path)).toEqual(["edges[0].to", "edges[1].to"]);
    },
    SLOW,
  );
  it(
    "text: a readable report, exit 0",
    () => {
      const r = run(`${EXAMPLES_DIR}bad-design.json`, "--format=text");
      expect(r.code).toBe(0);
      for (const s of [
        "Score",
        "Cold request",
        "p99",
        "Capacity",
        "Availability",
        "Checklist",
        "Findings",
        "retry-amplification",
        "/learn/",
      ]) {
        expect(r.stdout).toContain(s);
      }
    },
    SLOW,
  );
  it(
    "bad arguments and unreadable files: exit 1 with a message on stderr",
    () => {
      const missing = run(`${EXAMPLES_DIR}does-not-exist.json`);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("cannot read");
      expect(missing.stdout).toBe("");
      const badFormat = run(`${EXAMPLES_DIR}three-tier.json`, "--format", "yaml");
      expect(badFormat.code).toBe(1);
      expect(badFormat.stderr).toContain("--format");
      expect(run().code).toBe(1);
      expect(run(`${EXAMPLES_DIR}three-tier.json`, "--seed", "x").code).toBe(1);
    },
    SLOW,
  );
});
