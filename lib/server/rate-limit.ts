import "server-only";
import { db } from "@/lib/db";

/** `env` names the variable an operator can set to raise or lower this limit. */
export type RateLimitRule = { name: string; limit: number; windowSeconds: number; env: string };
export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; rule: string };

/** The limits in one place, so the README and the tests can cite them. */
export const RATE_LIMITS = {
  signInPerIp: { name: "sign-in:ip", limit: 100, windowSeconds: 300, env: "RATE_LIMIT_SIGN_IN_PER_IP" },
  signInPerEmail: { name: "sign-in:email", limit: 10, windowSeconds: 300, env: "RATE_LIMIT_SIGN_IN_PER_EMAIL" },
  signUpPerIp: { name: "sign-up:ip", limit: 20, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_UP_PER_IP" },
  signUpPerEmail: { name: "sign-up:email", limit: 5, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_UP_PER_EMAIL" },
  evaluatePerUser: { name: "evaluate:user", limit: 60, windowSeconds: 60, env: "RATE_LIMIT_EVALUATE_PER_USER" },
  evaluatePerIp: { name: "evaluate:ip", limit: 120, windowSeconds: 60, env: "RATE_LIMIT_EVALUATE_PER_IP" },
  // Each check commits an answer, so a person needs at most one per question; 60 a minute is generous.
  quizCheckPerUser: { name: "quiz-check:user", limit: 60, windowSeconds: 60, env: "RATE_LIMIT_QUIZ_CHECK_PER_USER" },
} satisfies Record<string, RateLimitRule>;

/** Operators (and the test suite, whose sign-ins all come from one address) may raise a limit by env var. */
function limitFor(rule: RateLimitRule): number {
  const override = Number(process.env[rule.env]);
  return Number.isInteger(override) && override > 0 ? override : rule.limit;
}

/**
 * Fixed-window counter in Postgres: one atomic upsert per hit, so concurrent requests on any number of app
 * instances share one count without a lock. A new window starts once the old one has expired.
 */
export async function hit(rule: RateLimitRule, subject: string): Promise<RateLimitVerdict> {
  if (process.env.RATE_LIMIT_DISABLED === "1") return { ok: true };
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
  if (!row || row.count <= limitFor(rule)) return { ok: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((row.expires_at.getTime() - Date.now()) / 1000));
  return { ok: false, retryAfterSeconds, rule: rule.name };
}

/** Checks every rule (each counts the hit) and returns the first refusal. */
export async function hitAll(checks: [RateLimitRule, string][]): Promise<RateLimitVerdict> {
  const verdicts = await Promise.all(checks.map(([rule, subject]) => hit(rule, subject)));
  return verdicts.find((v) => !v.ok) ?? { ok: true };
}

/** Old windows are useless; dropping them now and then keeps the table small. */
export async function pruneExpired(): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit_buckets WHERE expires_at < now() - interval '1 hour'`;
}
