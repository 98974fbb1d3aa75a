import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, uniqueEmail } from "./helpers";

// The real server (server.mjs) with TRUST_PROXY unset: the socket address decides, whatever the client claims.

const forged = () => `${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

test("forged X-Forwarded-For, X-Real-IP or x-roundtrip-peer headers do not escape the per-address limit", async ({ playwright, baseURL }) => {
  // Wrong passwords for one account, each claiming a new address: the socket (127.0.0.1) decides, so the
  // per-account-and-address throttle (5 a minute) still holds them back.
  const email = uniqueEmail("forged");
  const ctx = await playwright.request.newContext({ baseURL });
  expect((await ctx.post("/api/auth/signup", { data: { name: "For Ged", email, password: "correct-horse-battery" } })).status()).toBe(202);
  let limited = false;
  for (let i = 0; i < 10 && !limited; i++) {
    const ip = forged();
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "wrong-password-guess", json: "true" },
      headers: { "x-forwarded-for": ip, "x-real-ip": ip, "x-roundtrip-peer": ip },
    });
    if (res.status() === 429) limited = true;
  }
  expect(limited, "every try came from 127.0.0.1, so the per-account-and-address limit must refuse some").toBe(true);
  await ctx.dispose();
});

async function attempt(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
}

test("wrong passwords hold back that account at this address with 429 and Retry-After, and no one else", async ({ playwright, baseURL }) => {
  const email = uniqueEmail("throttle");
  const setup = await playwright.request.newContext({ baseURL });
  expect((await setup.post("/api/auth/signup", { data: { name: "Thr Ottle", email, password: "correct-horse-battery" } })).status()).toBe(202);
  const statuses: number[] = [];
  let retryAfter = 0;
  for (let i = 0; i < 7; i++) {
    const res = await attempt(setup, email, "wrong-password-guess");
    statuses.push(res.status());
    if (res.status() === 429) retryAfter = Number(res.headers()["retry-after"]);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  expect(retryAfter).toBeGreaterThan(0);
  // Another account from the same address is not affected.
  const other = await playwright.request.newContext({ baseURL });
  expect((await attempt(other, DEMO.instructor, DEMO_PASSWORD)).status()).toBe(200);
  await setup.dispose();
  await other.dispose();
});
