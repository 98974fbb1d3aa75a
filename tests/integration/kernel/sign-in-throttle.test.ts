import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { admitSignIn, MAX_SLOWDOWN_MS, recordSignIn } from "@/lib/server/accounts/sign-in-throttle";
import { RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

const account = () => `owner-${randomBytes(4).toString("hex")}@example.test`;
const address = (n: number) => `192.0.2.${n}`;

/** One failed sign-in as the route performs it: admitted (or refused), then recorded as a failure. */
async function fail(email: string, from: string) {
  const gate = await admitSignIn(email, from);
  if (gate.ok) await recordSignIn(email, from, false);
  return gate;
}

describe("sign-in throttling (real Postgres)", () => {
  it("holds back one address guessing one account, with waits that grow, and clears on success", async () => {
    const email = account();
    const gates = [];
    for (let i = 0; i < 12; i++) gates.push(await fail(email, address(1)));
    expect(gates.slice(0, 5).every((g) => g.ok)).toBe(true);
    const refused = gates.filter((g) => !g.ok);
    expect(refused.length).toBeGreaterThan(0);
    // Past 10 tries the 15-minute tier refuses, so the wait exceeds the 1-minute tier's.
    const last = gates.at(-1)!;
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.retryAfterSeconds).toBeGreaterThan(RATE_LIMITS.signInPairMinute.windowSeconds);
    // The right password from another address is unaffected; a success at this address clears its count.
    expect((await admitSignIn(email, address(2))).ok).toBe(true);
    await recordSignIn(email, address(2), true);
  });

  it("cannot lock the owner out: failures from 100 addresses only slow the account down, capped", async () => {
    const email = account();
    for (let i = 0; i < 100; i++) {
      const gate = await fail(email, `198.51.100.${i}`);
      expect(gate.ok).toBe(true);
    }
    const owner = await admitSignIn(email, address(50));
    expect(owner.ok).toBe(true);
    if (owner.ok) {
      expect(owner.delayMs).toBeGreaterThan(0);
      expect(owner.delayMs).toBeLessThanOrEqual(MAX_SLOWDOWN_MS);
    }
  });

  it("an account below the ceiling is not slowed at all", async () => {
    const email = account();
    await fail(email, address(3));
    const gate = await admitSignIn(email, address(4));
    expect(gate).toEqual({ ok: true, delayMs: 0 });
  });

  it("limits one address across many accounts", async () => {
    const from = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const verdicts = [];
    for (let i = 0; i <= RATE_LIMITS.signInPerAddress.limit; i++) verdicts.push(await admitSignIn(account(), from));
    expect(verdicts.slice(0, RATE_LIMITS.signInPerAddress.limit).every((v) => v.ok)).toBe(true);
    expect(verdicts.at(-1)!.ok).toBe(false);
  });
});
