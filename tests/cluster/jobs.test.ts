import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { createTestDatabase, type TestDatabase } from "../../scripts/lib/test-db.ts";
import { queryRows } from "./harness.ts";

const SECRET = "jobs-test-secret-that-is-long-enough-0123456789abcdef";
let database: TestDatabase;

/** Runs `npm run worker -- --exit-when-idle`; its exit code, and its stderr to name the cause when it fails. */
function worker(url: string, extra: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = "";
    const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/worker.ts", "--exit-when-idle", ...extra], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: SECRET },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stderr: stderr.slice(-2000) }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const reference = (JSON.parse(readFileSync("content/problems/rate-limiter.json", "utf8")) as { reference: unknown }).reference;
  const outcome = evaluateDesign(reference, { seed: 1 });
  if (!outcome.ok) throw new Error("the reference design does not validate");
  const oldResult = JSON.stringify({ ...outcome.result, modelVersion: "0.0.0-old" });
  const [user] = await queryRows<{ id: string }>(database.url, "SELECT id FROM users WHERE email = 'candidate@roundtrip.dev'");
  const designs: [string, string][] = [
    ...Array.from({ length: 5 }, (_, i): [string, string] => [`jobs-ok-${i}`, JSON.stringify(reference)]),
    // A stored document the current model rejects: its job must fail with a reason, not vanish.
    ["jobs-broken", JSON.stringify({ version: 1 })],
  ];
  for (const [id, doc] of designs) {
    await queryRows(database.url, `INSERT INTO designs (id, user_id, name, data, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())`, [id, user!.id, `Design ${id}`, doc]);
    await queryRows(
      database.url,
      `INSERT INTO evaluations (id, design_id, document, result, score, grade, model_version, seed) VALUES ($1, $2, $3::jsonb, $4::jsonb, 50, 'C', '0.0.0-old', 1)`,
      [`old-${id}`, id, doc, oldResult],
    );
  }
});
afterAll(async () => {
  await database?.drop();
});

it("two workers re-score every design from an older model once, and a design that cannot be scored is failed with its reason", async () => {
  // Both queue on start; the advisory lock lets one run be queued for this model version.
  const workers = await Promise.all([worker(database.url, []), worker(database.url, [])]);
  expect(workers.map((w) => w.code), workers.map((w) => w.stderr).join("\n")).toEqual([0, 0]);
  const fresh = await queryRows<{ design_id: string; n: string }>(
    database.url,
    "SELECT design_id, count(*) AS n FROM evaluations WHERE model_version = $1 GROUP BY design_id ORDER BY design_id",
    [MODEL_VERSION],
  );
  expect(fresh.map((r) => [r.design_id, r.n])).toEqual(Array.from({ length: 5 }, (_, i) => [`jobs-ok-${i}`, "1"]));
  const jobs = await queryRows<{ design: string; message: string | null }>(
    database.url,
    `SELECT data->>'designId' AS design, output->>'message' AS message
     FROM pgboss.job WHERE name = 'rescore-design' AND state = 'failed'`,
  );
  expect(jobs.map((j) => j.design)).toEqual(["jobs-broken"]);
  expect(jobs[0]!.message).toMatch(/cannot be scored/);
  const [runs] = await queryRows<{ n: string }>(
    database.url,
    `SELECT count(DISTINCT data->>'runId') AS n FROM (SELECT data FROM pgboss.job WHERE name = 'rescore-design' UNION ALL SELECT data FROM pgboss.archive WHERE name = 'rescore-design') j`,
  );
  expect(runs!.n).toBe("1");
});
