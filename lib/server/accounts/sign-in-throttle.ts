import "server-only";
import { hit, limitFor, peek, reset, type RateLimitRule } from "@/lib/server/kernel/rate-limit";

/**
 * Sign-in throttling that slows guessing without letting anyone lock the owner out (OWASP ASVS 2.2.1).
 *
 * - Per (account, address): every attempt counts, a correct password clears the count. Three tiers make the
 *   wait progressive: past 5 tries in a minute wait out the minute, past 10 in 15 minutes the quarter hour,
 *   past 20 in an hour the hour. Only that address is held back, so an attacker elsewhere cannot block the owner.
 * - Per address: a ceiling across all accounts, so one address cannot spray many accounts.
 * - Per account, across all addresses: failed attempts only ever *slow down* (a server-side delay that grows
 *   with the failures past the ceiling, capped), never refuse, so a botnet can make the owner wait seconds
 *   but never keep them out.
 */
export const SIGN_IN_RULES = {
  pairMinute: { name: "sign-in:pair:1m", limit: 5, windowSeconds: 60, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS" },
  pairQuarter: { name: "sign-in:pair:15m", limit: 10, windowSeconds: 900, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS_15M" },
  pairHour: { name: "sign-in:pair:1h", limit: 20, windowSeconds: 3600, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT_ADDRESS_1H" },
  perAddress: { name: "sign-in:ip", limit: 100, windowSeconds: 300, env: "RATE_LIMIT_SIGN_IN_PER_IP" },
  accountFailures: { name: "sign-in:account-failures", limit: 50, windowSeconds: 900, env: "RATE_LIMIT_SIGN_IN_PER_ACCOUNT" },
} satisfies Record<string, RateLimitRule>;

const PAIR_TIERS = [SIGN_IN_RULES.pairMinute, SIGN_IN_RULES.pairQuarter, SIGN_IN_RULES.pairHour];

/** Each failure past the per-account ceiling adds this much delay (ms), up to MAX_SLOWDOWN_MS. */
export const SLOWDOWN_STEP_MS = 200;
export const MAX_SLOWDOWN_MS = 5_000;

export type SignInGate = { ok: true; delayMs: number } | { ok: false; retryAfterSeconds: number };

const pairKey = (email: string, address: string) => `${email}|${address}`;

/** Counts an attempt and says whether it may go ahead, and after how long a pause. */
export async function admitSignIn(email: string, address: string): Promise<SignInGate> {
  const verdicts = await Promise.all([
    ...PAIR_TIERS.map((rule) => hit(rule, pairKey(email, address))),
    hit(SIGN_IN_RULES.perAddress, address),
  ]);
  const refused = verdicts.filter((v) => !v.ok);
  if (refused.length > 0) {
    // The longest wait of the tiers that refused: progressive, since higher tiers have longer windows.
    return { ok: false, retryAfterSeconds: Math.max(...refused.map((v) => (v.ok ? 0 : v.retryAfterSeconds))) };
  }
  const failures = await peek(SIGN_IN_RULES.accountFailures, email);
  const excess = failures - limitFor(SIGN_IN_RULES.accountFailures);
  return { ok: true, delayMs: excess > 0 ? Math.min(MAX_SLOWDOWN_MS, excess * SLOWDOWN_STEP_MS) : 0 };
}

/** Records the outcome: a success clears this address's count for the account; a failure feeds the account's slowdown. */
export async function recordSignIn(email: string, address: string, succeeded: boolean): Promise<void> {
  if (succeeded) await Promise.all(PAIR_TIERS.map((rule) => reset(rule, pairKey(email, address))));
  else await hit(SIGN_IN_RULES.accountFailures, email);
}
