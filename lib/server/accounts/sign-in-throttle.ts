import "server-only";
import { hit, limitFor, peek, RATE_LIMITS, reset } from "@/lib/server/kernel/rate-limit";

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
 * The five limits (signIn*) are in RATE_LIMITS with the others.
 */
const PAIR_TIERS = [RATE_LIMITS.signInPairMinute, RATE_LIMITS.signInPairQuarter, RATE_LIMITS.signInPairHour];

/** Each failure past the per-account ceiling adds this much delay (ms), up to MAX_SLOWDOWN_MS. */
export const SLOWDOWN_STEP_MS = 200;
export const MAX_SLOWDOWN_MS = 5_000;

export type SignInGate = { ok: true; delayMs: number } | { ok: false; retryAfterSeconds: number };

const pairKey = (email: string, address: string) => `${email}|${address}`;

/** Counts an attempt and says whether it may go ahead, and after how long a pause. */
export async function admitSignIn(email: string, address: string): Promise<SignInGate> {
  const verdicts = await Promise.all([
    ...PAIR_TIERS.map((rule) => hit(rule, pairKey(email, address))),
    hit(RATE_LIMITS.signInPerAddress, address),
  ]);
  const refused = verdicts.filter((v) => !v.ok);
  if (refused.length > 0) {
    // The longest wait of the tiers that refused: progressive, since higher tiers have longer windows.
    return { ok: false, retryAfterSeconds: Math.max(...refused.map((v) => (v.ok ? 0 : v.retryAfterSeconds))) };
  }
  const failures = await peek(RATE_LIMITS.signInAccountFailures, email);
  const excess = failures - limitFor(RATE_LIMITS.signInAccountFailures);
  return { ok: true, delayMs: excess > 0 ? Math.min(MAX_SLOWDOWN_MS, excess * SLOWDOWN_STEP_MS) : 0 };
}

/** Records the outcome: a success clears this address's count for the account; a failure feeds the account's slowdown. */
export async function recordSignIn(email: string, address: string, succeeded: boolean): Promise<void> {
  if (succeeded) await Promise.all(PAIR_TIERS.map((rule) => reset(rule, pairKey(email, address))));
  else await hit(RATE_LIMITS.signInAccountFailures, email);
}
