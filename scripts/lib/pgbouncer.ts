// PgBouncer in transaction mode in front of one Postgres database, run from deploy/pgbouncer.ini.template with its
// placeholders filled (so the example in deploy/ is the one the cluster test uses).
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureInstalled, fillTemplate } from "./cluster.ts";
import { freePort, postgresAccount } from "./embedded-pg.ts";

export const PGBOUNCER_TEMPLATE = path.resolve("deploy/pgbouncer.ini.template");

export type PgBouncer = {
  /** The same database, user and password as `databaseUrl`, through PgBouncer. */
  url: string;
  /** A query on PgBouncer's admin console (SHOW STATS, SHOW POOLS…), simple protocol. */
  admin: (sql: string) => Promise<Record<string, unknown>[]>;
  stop: () => Promise<void>;
};

export async function startPgBouncer(databaseUrl: string, options: { poolSize?: number; log?: (m: string) => void } = {}): Promise<PgBouncer> {
  const log = options.log ?? (() => {});
  const bin = ensureInstalled("pgbouncer", ["pgbouncer"], log);
  const target = new URL(databaseUrl);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  const dbname = target.pathname.slice(1);
  const port = await freePort();
  const runtimeDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-pgbouncer-"));
  const authFile = path.join(runtimeDir, "userlist.txt");
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(authFile, `${quote(user)} ${quote(password)}\n`, { mode: 0o600 });
  const conf = fillTemplate(readFileSync(PGBOUNCER_TEMPLATE, "utf8"), {
    DATABASES: `${dbname} = host=${target.hostname} port=${target.port || "5432"} dbname=${dbname}`,
    LISTEN_ADDR: "127.0.0.1",
    LISTEN_PORT: String(port),
    RUNTIME_DIR: runtimeDir,
    AUTH_FILE: authFile,
    ADMIN_USER: user,
    POOL_SIZE: String(options.poolSize ?? 4),
  }, PGBOUNCER_TEMPLATE);
  const confFile = path.join(runtimeDir, "pgbouncer.ini");
  writeFileSync(confFile, conf);
  // PgBouncer refuses to run as root: as root it runs as the postgres account, which must own its files.
  const account = postgresAccount();
  if (account) for (const f of [runtimeDir, authFile, confFile]) chownSync(f, account.uid, account.gid);
  chmodSync(runtimeDir, 0o700);
  const child: ChildProcess = spawn(bin, ["-q", confFile], { stdio: ["ignore", "ignore", "inherit"], ...(account ?? {}) });
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  const url = `postgresql://${credentials}@127.0.0.1:${port}/${dbname}`;
  const adminUrl = `postgresql://${credentials}@127.0.0.1:${port}/pgbouncer`;
  const pg = (await import("pg")).default;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with code ${child.exitCode}: ${readLog(runtimeDir)}`);
    try {
      await admin("SHOW VERSION");
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`pgbouncer did not accept connections within 30 s (${(error as Error).message}): ${readLog(runtimeDir)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  log(`PgBouncer (transaction mode) on 127.0.0.1:${port} → ${target.hostname}:${target.port}/${dbname}`);
  return {
    url,
    admin,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGINT");
        await exited;
      }
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, "pgbouncer.log"), "utf8").trim().split("\n").slice(-5).join(" | ");
  } catch {
    return "(no log)";
  }
}
