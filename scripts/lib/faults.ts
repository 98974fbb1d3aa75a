// The fault drills of issue 17, shared by `npm run faults` (which prints every figure) and tests/cluster (which
// assert the invariants). Each drill drives real instances, nginx and Postgres.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { correctResponse } from "../../lib/core/quiz/index.ts";
import { questionSchema } from "../../lib/schemas/question.ts";
import type { Cluster } from "./cluster.ts";
import { signIn } from "./http-session.ts";

export type Pool = { questionId: string; version: number; response: unknown }[];

async function rows<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  // Bounded like every other wait in a drill: a stuck connect or query fails the drill instead of holding it.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 30_000, query_timeout: 120_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

// Estimate questions are left out: their answer depends on values drawn into each attempt's layout, and the plans
// dealt below carry empty layouts.
export async function questionPool(url: string): Promise<Pool> {
  const found = await rows<{ id: string; version: number; data: unknown }>(
    url,
    `SELECT q.id, v.version, v.data FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
     WHERE q.status = 'PUBLISHED' AND v.data->>'type' <> 'estimate' ORDER BY q.id`,
  );
  return found.map((r) => ({ questionId: r.id, version: r.version, response: correctResponse(questionSchema.parse(r.data)) }));
}

export const ANSWERS_PER_SUBMISSION = 5;

/** Submission i's body given its idempotency key. */
export type Submissions = (i: number, key: string) => string;

/**
 * A submission must name an open attempt the server dealt (issue 13). The drills deal `count` of them up front,
 * straight into attempt_plans as the quiz page would (minus the page, and before any fault): plan i holds
 * ANSWERS_PER_SUBMISSION questions of the pool from offset i, and submission i answers them all correctly.
 */
export async function dealSubmissions(url: string, email: string, pool: Pool, count: number): Promise<Submissions> {
  const [user] = await rows<{ id: string }>(url, "SELECT id FROM users WHERE email = $1", [email]);
  if (!user) throw new Error(`no user ${email}`);
  const answersOf = (i: number) => Array.from({ length: ANSWERS_PER_SUBMISSION }, (_, j) => pool[(i + j) % pool.length] as Pool[number]);
  const ids = Array.from({ length: count }, () => randomUUID());
  await rows(
    url,
    `INSERT INTO attempt_plans (id, user_id, kind, chapter, mode, spec_key, seed, items)
     SELECT id, $1, 'mixed', NULL, 'all', 'faults', id, items::jsonb FROM unnest($2::text[], $3::text[]) AS x(id, items)`,
    [user.id, ids, ids.map((_, i) => JSON.stringify(answersOf(i).map((a) => ({ questionId: a.questionId, version: a.version, layout: {} }))))],
  );
  return (i, key) => {
    const attemptId = ids[i];
    if (!attemptId) throw new Error(`only ${count} attempts were dealt; submission ${i} has none`);
    return JSON.stringify({ idempotencyKey: key, attemptId, answers: answersOf(i).map((a) => ({ ...a, timeMs: 4000 })) });
  };
}

export type Sent = { key: string; status: number; tries: number; ms: number; timedOut: number; shed: number };

/** The longest a client waits between tries (ms), whatever Retry-After says. */
const MAX_BACKOFF_MS = 5_000;

/**
 * How long to wait before try `tries + 1`: the server's Retry-After when it sent one (a shed or unavailable
 * instance says when to come back), else exponential from 50 ms; either way capped and with full jitter on top of
 * half of it, so 64 clients refused at the same moment do not come back at the same moment.
 */
export function backoffMs(tries: number, retryAfter: string | null, random = Math.random): number {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  const base = Math.min(MAX_BACKOFF_MS, seconds !== null ? seconds * 1000 : 50 * 2 ** tries);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * One try, settled within `timeoutMs` whatever happens: the signal aborts the request and its body, and the race
 * is the backstop for a body read whose promise an abort leaves pending (nodejs/node#56917, undici#4089), which
 * would otherwise hold its client, and the drill, forever.
 */
async function tryOnce(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; retryAfter: string | null }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError");
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await fetch(url, { ...init, signal: controller.signal });
        await res.arrayBuffer();
        return { status: res.status, retryAfter: res.headers.get("retry-after") };
      })(),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A client that does what ours should: on a lost connection, a timeout or a 502/503/504 it sends the same body
 * (the same idempotency key) again after `backoffMs` (honouring Retry-After), until an answer that is not a
 * transient failure or `maxTries` tries.
 */
export async function submitWithRetries(url: string, cookie: string, body: string, key: string, timeoutMs: number, maxTries = 40): Promise<Sent> {
  const started = Date.now();
  let timedOut = 0;
  let shed = 0;
  for (let tries = 1; ; tries++) {
    let retryAfter: string | null = null;
    try {
      const res = await tryOnce(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body }, timeoutMs);
      if (![502, 503, 504].includes(res.status) || tries >= maxTries) return { key, status: res.status, tries, ms: Date.now() - started, timedOut, shed };
      if (res.status === 503) shed++;
      retryAfter = res.retryAfter;
    } catch (error) {
      if ((error as Error).name === "TimeoutError") timedOut++;
      if (tries >= maxTries) return { key, status: 0, tries, ms: Date.now() - started, timedOut, shed };
    }
    await new Promise((r) => setTimeout(r, backoffMs(tries, retryAfter)));
  }
}

/** Runs `total` submissions over `connections` concurrent clients; `onProgress` sees each acknowledged one. */
export async function submitMany(options: {
  url: string;
  cookie: string;
  submissions: Submissions;
  total: number;
  connections: number;
  timeoutMs: number;
  onAcknowledged?: (count: number) => void;
}): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.total) {
      const i = next++;
      const key = randomUUID();
      const sent = await submitWithRetries(options.url, options.cookie, options.submissions(i, key), key, options.timeoutMs);
      results.push(sent);
      if (sent.status === 200 || sent.status === 201) options.onAcknowledged?.(results.filter((r) => r.status < 300).length);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  return results;
}

/**
 * One submission to each instance directly, one after the other, before a drill's load starts: the first request
 * an instance serves loads its route code and opens its pools, which on a busy machine takes longer than a
 * client's timeout. A drill measures the fault, not a cold start. Uses submissions 0..instances-1.
 */
export async function warmUp(cluster: Cluster, cookie: string, submissions: Submissions): Promise<void> {
  for (const [i, inst] of cluster.instances.entries()) {
    const key = randomUUID();
    const sent = await submitWithRetries(`${inst.url}/api/quiz/attempts`, cookie, submissions(i, key), key, 120_000, 3);
    if (sent.status !== 201) throw new Error(`warming up instance ${inst.name}: the first submission answered ${sent.status}`);
  }
}

export type StoredCounts = { attempts: number; distinctKeys: number; answers: number; duplicates: number };

/** What Postgres holds for these idempotency keys. */
export async function storedFor(url: string, keys: string[]): Promise<StoredCounts> {
  const [r] = await rows<{ attempts: string; distinct_keys: string; answers: string }>(
    url,
    `SELECT count(*) AS attempts, count(DISTINCT a.idempotency_key) AS distinct_keys,
            (SELECT count(*) FROM quiz_answers qa JOIN quiz_attempts x ON x.id = qa.attempt_id WHERE x.idempotency_key = ANY($1)) AS answers
     FROM quiz_attempts a WHERE a.idempotency_key = ANY($1)`,
    [keys],
  );
  const attempts = Number(r?.attempts ?? 0);
  const distinctKeys = Number(r?.distinct_keys ?? 0);
  return { attempts, distinctKeys, answers: Number(r?.answers ?? 0), duplicates: attempts - distinctKeys };
}

export type KillFigures = {
  submissions: number;
  acknowledged: number;
  failed: number;
  retried: number;
  /** 503 answers the clients got (shed by a busy instance) and waited out before trying again. */
  shed: number;
  /** Tries that got no answer within the client timeout. */
  timedOut: number;
  killedAfter: number;
  stored: StoredCounts;
  lostAcknowledged: number;
  answersExpected: number;
};

/**
 * (a) SIGKILL instance A while `connections` clients submit through nginx with idempotency keys and retries.
 * Sized by count: three submissions per connection, A killed once a quarter of them are acknowledged, so every
 * connection has work in flight at the kill and afterwards, however fast the machine is.
 */
export async function killDuringSubmissions(
  cluster: Cluster,
  databaseUrl: string,
  options = { connections: 64, perConnection: 3, timeoutMs: 15_000 },
): Promise<KillFigures> {
  const total = options.connections * options.perConnection;
  const cookie = await signIn(cluster.nginxUrl, "candidate@roundtrip.dev", "roundtrip-demo");
  const warm = cluster.instances.length;
  const dealt = await dealSubmissions(databaseUrl, "candidate@roundtrip.dev", await questionPool(databaseUrl), warm + total);
  await warmUp(cluster, cookie, dealt);
  const submissions: Submissions = (i, key) => dealt(warm + i, key);
  const killAt = Math.floor(total / 4);
  let killedAfter = -1;
  let killing: Promise<void> | null = null;
  const results = await submitMany({
    url: `${cluster.nginxUrl}/api/quiz/attempts`,
    cookie,
    submissions,
    total,
    connections: options.connections,
    timeoutMs: options.timeoutMs,
    onAcknowledged: (count) => {
      if (!killing && count >= killAt) {
        killedAfter = count;
        killing = cluster.kill(0);
      }
    },
  });
  await killing;
  const acknowledged = results.filter((r) => r.status === 200 || r.status === 201);
  const stored = await storedFor(databaseUrl, results.map((r) => r.key));
  const storedKeys = new Set(
    (await rows<{ k: string }>(databaseUrl, "SELECT idempotency_key AS k FROM quiz_attempts WHERE idempotency_key = ANY($1)", [acknowledged.map((r) => r.key)])).map((r) => r.k),
  );
  return {
    submissions: results.length,
    acknowledged: acknowledged.length,
    failed: results.length - acknowledged.length,
    retried: results.filter((r) => r.tries > 1).length,
    shed: results.reduce((n, r) => n + r.shed, 0),
    timedOut: results.reduce((n, r) => n + r.timedOut, 0),
    killedAfter,
    stored,
    lostAcknowledged: acknowledged.filter((r) => !storedKeys.has(r.key)).length,
    answersExpected: acknowledged.length * ANSWERS_PER_SUBMISSION,
  };
}

export type PostgresControl = { stop: () => Promise<void>; start: () => Promise<void> };

export type RestartFigures = {
  connections: number;
  requests: number;
  byStatus: Record<string, number>;
  timedOut: number;
  maxRequestMs: number;
  timeoutMs: number;
  healthWent503AfterMs: number;
  healthBack200AfterMs: number;
  acknowledged: number;
  lostAcknowledged: number;
  halfSaved: number;
};

async function healthStatus(base: string): Promise<number> {
  try {
    return (await tryOnce(`${base}/api/health`, {}, 10_000)).status;
  } catch {
    return 0;
  }
}

async function pollUntil(base: string, wanted: number, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await healthStatus(base)) === wanted) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base}/api/health did not answer ${wanted} within ${ms / 1000} s`);
}

/**
 * (b) Stops and starts Postgres while 8 clients submit (one try each, so every outcome is counted). The clients
 * stop once 20 submissions are acknowledged after Postgres is back, or when the dealt attempts run out.
 */
export async function restartPostgresDuringLoad(
  cluster: Cluster,
  databaseUrl: string,
  postgres: PostgresControl,
  options = { connections: 8, timeoutMs: 10_000, dealt: 3_000 },
): Promise<RestartFigures> {
  const cookie = await signIn(cluster.nginxUrl, "candidate@roundtrip.dev", "roundtrip-demo");
  const warm = cluster.instances.length;
  const submissions = await dealSubmissions(databaseUrl, "candidate@roundtrip.dev", await questionPool(databaseUrl), warm + options.dealt);
  await warmUp(cluster, cookie, submissions);
  const url = `${cluster.nginxUrl}/api/quiz/attempts`;
  const results: Sent[] = [];
  let running = true;
  let n = warm;
  const acknowledged = () => results.filter((r) => r.status === 200 || r.status === 201).length;
  // Waits on answers, not on a clock: each answer wakes the waiter, which checks its count again.
  let wake = () => {};
  let finished = false;
  const waitForAcknowledged = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (acknowledged() >= count) resolve();
        else if (finished) reject(new Error(`the ${options.dealt} dealt attempts ran out before ${count} were acknowledged`));
        else wake = check;
      };
      check();
    });
  const worker = async () => {
    while (running && n < warm + options.dealt) {
      const key = randomUUID();
      results.push(await submitWithRetries(url, cookie, submissions(n++, key), key, options.timeoutMs, 1));
      wake();
    }
  };
  const load = Promise.all(Array.from({ length: options.connections }, worker)).finally(() => {
    finished = true;
    wake();
  });
  const base = cluster.instances[0]!.url;
  let down = -1;
  let up = -1;
  try {
    await waitForAcknowledged(20);
    await postgres.stop();
    down = await pollUntil(base, 503, 60_000);
    await postgres.start();
    up = await pollUntil(base, 200, 120_000);
    const before = acknowledged();
    await waitForAcknowledged(before + 20);
  } finally {
    running = false;
    await load;
  }
  const ackKeys = results.filter((r) => r.status === 200 || r.status === 201).map((r) => r.key);
  const stored = new Set(
    (await rows<{ k: string }>(databaseUrl, "SELECT idempotency_key AS k FROM quiz_attempts WHERE idempotency_key = ANY($1)", [ackKeys])).map((r) => r.k),
  );
  const [half] = await rows<{ n: string }>(
    databaseUrl,
    `SELECT count(*) AS n FROM quiz_attempts a WHERE a.idempotency_key = ANY($1)
       AND (SELECT count(*) FROM quiz_answers qa WHERE qa.attempt_id = a.id) <> $2`,
    [results.map((r) => r.key), ANSWERS_PER_SUBMISSION],
  );
  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[r.status === 0 ? "no answer" : String(r.status)] = (byStatus[r.status === 0 ? "no answer" : String(r.status)] ?? 0) + 1;
  return {
    connections: options.connections,
    requests: results.length,
    byStatus,
    timedOut: results.reduce((s, r) => s + r.timedOut, 0),
    maxRequestMs: Math.max(...results.map((r) => r.ms)),
    timeoutMs: options.timeoutMs,
    healthWent503AfterMs: down,
    healthBack200AfterMs: up,
    acknowledged: ackKeys.length,
    lostAcknowledged: ackKeys.filter((k) => !stored.has(k)).length,
    halfSaved: Number(half?.n ?? 0),
  };
}

export type ReadOnlyFigures = { submitStatus: number; submitMessage: string; retryAfter: string | null; stackInBody: boolean; stored: number; pageStatus: number; pageHasStack: boolean };

/** (c) The database turned read-only (as a standby or an operator would): writes get a clear 503, no stack. */
export async function readOnlyDatabase(cluster: Cluster, databaseUrl: string, serverUrl: string): Promise<ReadOnlyFigures> {
  const cookie = await signIn(cluster.nginxUrl, "candidate@roundtrip.dev", "roundtrip-demo");
  const submissions = await dealSubmissions(databaseUrl, "candidate@roundtrip.dev", await questionPool(databaseUrl), 1);
  const name = new URL(databaseUrl).pathname.slice(1);
  // New sessions start read-only; ending the current ones makes every instance's pool reconnect into that mode.
  await rows(serverUrl, `ALTER DATABASE "${name.replaceAll('"', '""')}" SET default_transaction_read_only = on`);
  await rows(serverUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  try {
    const key = randomUUID();
    const res = await postOnce(`${cluster.nginxUrl}/api/quiz/attempts`, cookie, submissions(0, key));
    const text = await res.text();
    const [stored] = await rows<{ n: string }>(databaseUrl, "SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key = $1", [key]);
    const page = await fetch(`${cluster.nginxUrl}/dashboard`, { headers: { cookie } });
    const pageText = await page.text();
    const stack = /\n\s+at [\w.<>]+ \(|node_modules\//;
    return {
      submitStatus: res.status,
      submitMessage: (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text.slice(0, 200),
      retryAfter: res.headers.get("retry-after"),
      stackInBody: stack.test(text),
      stored: Number(stored?.n ?? 0),
      pageStatus: page.status,
      pageHasStack: stack.test(pageText),
    };
  } finally {
    await rows(serverUrl, `ALTER DATABASE "${name.replaceAll('"', '""')}" RESET default_transaction_read_only`);
    await rows(serverUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  }
}

async function postOnce(url: string, cookie: string, body: string): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body, signal: AbortSignal.timeout(15_000) });
}
