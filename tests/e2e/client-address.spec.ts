import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, uniqueEmail } from "./helpers";

// The real server (server.mjs) with TRUST_PROXY unset: the socket address decides, whatever the client claims.

const design = JSON.parse(readFileSync("lib/evaluator/examples/single-server.json", "utf8")) as Record<string, unknown>;
const forged = () => `${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

test("forged X-Forwarded-For, X-Real-IP or x-roundtrip-peer headers do not escape the per-address limit", async ({ request }) => {
  let limited = false;
  for (let i = 0; i < 60 && !limited; i++) {
    const ip = forged();
    const res = await request.post("/api/evaluate", {
      data: design,
      headers: { "x-forwarded-for": ip, "x-real-ip": ip, "x-roundtrip-peer": ip },
    });
    if (res.status() === 429) limited = true;
    else expect(res.status()).toBe(200);
  }
  expect(limited, "every request came from 127.0.0.1, so RATE_LIMIT_EVALUATE_PER_IP=40 must refuse some").toBe(true);
});

async function attempt(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
}

test("wrong passwords hold back that account at this address with 429 and Retry-After, and no one else", async ({ playwright, baseURL }) => {
  const email = uniqueEmail("throttle");
  const setup = await playwright.request.newContext({ baseURL });
  expect((await setup.post("/api/auth/signup", { data: { name: "Thr Ottle", email, password: "correct-horse-battery" } })).status()).toBe(201);
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
