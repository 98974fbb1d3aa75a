// CPU time of a Postgres server, read from /proc: what a benchmark's requests cost the database, which runs on the
// same cores as the app and which the app's own CPU figures leave out.
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

const MS_PER_TICK = 10; // USER_HZ is 100 on every Linux build that matters

/** utime, stime, cutime, cstime (ms) and the parent pid of one process, or null when it is gone. */
function stat(pid: number): { ppid: number; own: number; reaped: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, ppid 4, utime 14 … cstime 17.
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ").map(Number);
    return { ppid: f[1] as number, own: ((f[11] as number) + (f[12] as number)) * MS_PER_TICK, reaped: ((f[13] as number) + (f[14] as number)) * MS_PER_TICK };
  } catch {
    return null;
  }
}

/** The postmaster behind `url`: the parent of the backend serving one connection. */
export async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backend = stat(rows[0]?.pid as number);
    if (!backend) throw new Error("cannot read the Postgres backend's /proc entry (another machine or container?)");
    return backend.ppid;
  } finally {
    await client.end();
  }
}

/**
 * All CPU time (ms) the server has used: the postmaster, every live child (backends, WAL writer, checkpointer,
 * autovacuum…) and every child that has exited (a backend whose connection closed mid-phase counts in the
 * postmaster's cutime/cstime once reaped). Monotonic, so after − before is the work of what ran in between.
 */
export function postgresCpuMs(postmaster: number): number | null {
  const root = stat(postmaster);
  if (!root) return null;
  let total = root.own + root.reaped;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    const child = stat(pid);
    if (child?.ppid === postmaster) total += child.own;
  }
  return total;
}
