import "server-only";
import { db } from "@/lib/server/kernel/db";
import { env } from "@/lib/server/kernel/env";
import { tooManyRequests } from "@/lib/server/kernel/errors";

/** `env` names the variable an operator can set to raise or lower this limit. */
export type RateLimitRule = { name: string; limit: number; windowSeconds: number; env: string };
export type RateLimitVerdict = { ok: true; count: number } | { ok: false; count: number; retryAfterSeconds: number; rule: string };

/** The limits in one place, so the README and the tests can cite them (how sign-in uses its five: lib/server/accounts/sign-in-throttle.ts). */
export const RATE_LIMITS = {
  signInPairMinute: { name: "sign-in:pair:1m", limit: 5, windowSeconds: 60, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS" },
  signInPairQuarter: { name: "sign-in:pair:15m", limit: 10, windowSeconds: 900, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS_15M" },
  signInPairHour: { name: "sign-in:pair:1h", limit: 20, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS_1H" },
  signInPerAddress: { name: "sign-in:ip", limit: 100, windowSeconds: 300, env: "RATE_LIMIT_SIGN_IN_PER_IP" },
  signInAccountFailures: { name: "sign-in:account-failures", limit: 50, windowSeconds: 900, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT" },
  signUpPerIp: { name: "sign-up:ip", limit: 20, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_UP_PER_IP" },
  signUpPerEmail: { name: "sign-up:email", limit: 5, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_UP_PER_EMAIL" },
  // Every entry point that scores a design (API, evaluate, hand-in, re-score) counts against these. 30 a minute
  // is far above what a person clicks and, at up to a few CPU-seconds per large design, below what would starve
  // the pool for everyone else (the pool's per-user cap bounds the concurrency).
  evaluatePerUser: { name: "evaluate:user", limit: 30, windowSeconds: 60, env: "RATE_LIMIT_EVALUATE_PER_USER" },
  evaluatePerIp: { name: "evaluate:ip", limit: 30, windowSeconds: 60, env: "RATE_LIMIT_EVALUATE_PER_IP" },
  passwordChangePerUser: { name: "password-change:user", limit: 10, windowSeconds: 900, env: "RATE_LIMIT_PASSWORD_CHANGE_PER_USER" },
  // Autosave validates the whole document; the canvas saves at most a few times a minute.
  quizCheckPerUser: { name: "quiz-check:user", limit: 60, windowSeconds: 60, env: "RATE_LIMIT_QUIZ_CHECK_PER_USER" },
  designSavePerUser: { name: "design-save:user", limit: 120, windowSeconds: 60, env: "RATE_LIMIT_DESIGN_SAVE_PER_USER" },
} satisfies Record<string, RateLimitRule>;

/** Operators (and the test suite, whose requests all come from one address) may raise a limit by env var. */
export function limitFor(rule: RateLimitRule): number {
  return env().rateLimitOverrides[rule.env] ?? rule.limit;
}

/**
 * Fixed-window counter in Postgres: one atomic upsert per hit, so concurrent requests on any number of app
 * instances share one count without a lock. A new window starts once the old one has expired.
 */
export async function hit(rule: RateLimitRule, subject: string): Promise<RateLimitVerdict> {
  if (env().RATE_LIMIT_DISABLED === "1") return { ok: true, count: 0 };
  const key = `${rule.name}:${subject}`;
  const rows = await db.$queryRaw<{ count: number; expires_at: Date }[]>`
    INSERT INTO rate_limit_buckets (key, count, window_start, expires_at)
    VALUES (${key}, 1, now(), now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets.expires_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
      window_start = CASE WHEN rate_limit_buckets.expires_at <= now() THEN now() ELSE rate_limit_buckets.window_start END,
      expires_at = CASE WHEN rate_limit_buckets.expires_at <= now()
        THEN now() + make_interval(secs => ${rule.windowSeconds}) ELSE rate_limit_buckets.expires_at END
    RETURNING count, expires_at`;
  const row = rows[0];
  if (!row || row.count <= limitFor(rule)) return { ok: true, count: row?.count ?? 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil((row.expires_at.getTime() - Date.now()) / 1000));
  return { ok: false, count: row.count, retryAfterSeconds, rule: rule.name };
}

/** Checks every rule (each counts the hit) and returns the first refusal. */
export async function hitAll(checks: [RateLimitRule, string][]): Promise<RateLimitVerdict> {
  const verdicts = await Promise.all(checks.map(([rule, subject]) => hit(rule, subject)));
  return verdicts.find((v) => !v.ok) ?? { ok: true, count: Math.max(0, ...verdicts.map((v) => v.count)) };
}

/** The current count of a window without adding to it (0 once the window has expired). */
export async function peek(rule: RateLimitRule, subject: string): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    SELECT count FROM rate_limit_buckets WHERE key = ${`${rule.name}:${subject}`} AND expires_at > now()`;
  return rows[0]?.count ?? 0;
}

/** Forgets a subject's window, e.g. the failed sign-ins of an address once it signs in correctly. */
export async function reset(rule: RateLimitRule, subject: string): Promise<void> {
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key = ${`${rule.name}:${subject}`}`;
}

/** Old windows are useless; dropping them keeps the table as small as the traffic of the last hour. */
export async function pruneExpired(): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit_buckets WHERE expires_at < now() - interval '1 hour'`;
}

/** How often each instance prunes; several instances pruning at once is harmless (plain DELETE). */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

const globalForPrune = globalThis as unknown as { roundtripPruneTimer?: ReturnType<typeof setInterval> };

/**
 * Starts the periodic prune once per process (called from instrumentation.ts when the server boots). The timer
 * is unref'd so it never keeps a process alive, and a failed prune is logged and retried next time.
 */
export function schedulePruning(intervalMs = PRUNE_INTERVAL_MS): void {
  if (globalForPrune.roundtripPruneTimer) return;
  const run = () => pruneExpired().catch((error: unknown) => console.error("Pruning rate-limit windows failed", error));
  globalForPrune.roundtripPruneTimer = setInterval(run, intervalMs);
  globalForPrune.roundtripPruneTimer.unref();
  void run();
}

export function stopPruning(): void {
  clearInterval(globalForPrune.roundtripPruneTimer);
  delete globalForPrune.roundtripPruneTimer;
}

/** For server actions: counts one hit of `rule` for the user and refuses with 429 when the window is full. */
export async function limitPerUser(rule: RateLimitRule, userId: string): Promise<void> {
  const verdict = await hit(rule, userId);
  if (!verdict.ok) throw tooManyRequests("requests", verdict.retryAfterSeconds);
}
