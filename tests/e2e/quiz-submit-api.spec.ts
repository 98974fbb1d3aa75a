import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { freePort } from "../../scripts/lib/embedded-pg";
import { correctResponse } from "../../lib/core/quiz";
import { questionSchema } from "../../lib/schemas/question";
import { signUpOverHttp, uniqueEmail } from "./helpers";

// POST /api/quiz/attempts as server.mjs answers it: straight from node:http into the route's own checks and handler
// (server-direct-routes.mjs), not through Next's router. Every check defineRoute makes must still hold there, and
// the answers must be what Next's path gives for the same request: a query string sends a request through Next
// (the direct path takes the exact path only), so each case is asked both ways.

const URL = "/api/quiz/attempts";
const VIA_NEXT = `${URL}?via=next`;

type Plan = { id: string; items: { questionId: string; version: number; layout: unknown }[] };

async function withDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Opens the chapter quiz, which deals an attempt, and reads that attempt back from the database. */
async function dealtAttempt(page: Page, email: string, chapter = "dns"): Promise<Plan> {
  const res = await page.request.get(`/quizzes/${chapter}?mode=all`);
  expect(res.status()).toBe(200);
  return withDb(async (client) => {
    const { rows } = await client.query<Plan>(
      `SELECT p.id, p.items FROM attempt_plans p JOIN users u ON u.id = p.user_id
       WHERE u.email = $1 AND p.submitted_at IS NULL ORDER BY p.created_at DESC LIMIT 1`,
      [email],
    );
    expect(rows[0], "the quiz page dealt an attempt").toBeDefined();
    return rows[0]!;
  });
}

/** The right answer to each of the attempt's first `n` questions, worked out from the stored question versions. */
async function rightAnswers(plan: Plan, n: number) {
  const items = plan.items.slice(0, n);
  return withDb(async (client) => {
    const answers = [];
    for (const item of items) {
      const { rows } = await client.query<{ data: unknown }>(
        "SELECT v.data FROM question_versions v WHERE v.question_id = $1 AND v.version = $2",
        [item.questionId, item.version],
      );
      const question = questionSchema.parse(rows[0]?.data);
      answers.push({ questionId: item.questionId, version: item.version, response: correctResponse(question, item.layout as never), timeMs: 3000 });
    }
    return answers;
  });
}

async function stored(attemptId: string): Promise<{ attempts: number; answers: number; submitted: boolean }> {
  return withDb(async (client) => {
    const { rows } = await client.query<{ attempts: number; answers: number; submitted: boolean }>(
      `SELECT (SELECT count(*)::int FROM quiz_attempts WHERE id = $1) AS attempts,
              (SELECT count(*)::int FROM quiz_answers WHERE attempt_id = $1) AS answers,
              (SELECT submitted_at IS NOT NULL FROM attempt_plans WHERE id = $1) AS submitted`,
      [attemptId],
    );
    return rows[0]!;
  });
}

type Sent = { data?: unknown; body?: string; headers?: Record<string, string> };
const post = (request: APIRequestContext, url: string, sent: Sent) =>
  request.post(url, { data: sent.body ?? sent.data, headers: { "content-type": "application/json", ...sent.headers } });

/**
 * What a client can see of an answer, minus what differs by the moment (Date), by how the body was framed, or by
 * the door: Next's router adds its RSC request headers to Vary, meaningless for a JSON POST.
 */
async function seen(res: APIResponse) {
  // Next streams its answers, so its compression gzips even a 43-byte error; the direct path sends a length and
  // compresses only past 1 kB (the same compression module's threshold). Playwright decodes either.
  const { date: _date, vary: _vary, connection: _connection, "keep-alive": _keepAlive, "transfer-encoding": _te, "content-length": _length, "content-encoding": _ce, ...headers } = res.headers();
  return { status: res.status(), headers, body: await res.json() };
}

/** A new user signed up in `page`, the attempt its chapter quiz dealt, and a submission of `n` right answers. */
async function readyToSubmit(page: Page, name: string, n: number) {
  const email = uniqueEmail(name.toLowerCase().replace(/ /g, "-"));
  await signUpOverHttp(page, name, email);
  const plan = await dealtAttempt(page, email);
  const answers = await rightAnswers(plan, n);
  return { plan, answers, submission: { idempotencyKey: randomUUID(), attemptId: plan.id, answers } };
}

test("a submission is scored on the server, stored once, replayed on retry and refused under a reused key", async ({ page }) => {
  const { plan, answers, submission } = await readyToSubmit(page, "Submit Api", 3);

  const first = await post(page.request, URL, { data: submission });
  expect(first.status(), await first.text()).toBe(201);
  const headers = first.headers();
  expect(headers["content-type"]).toBe("application/json");
  // next.config.mjs's security headers, which Next adds to everything it serves, are on this answer too.
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["idempotent-replayed"]).toBeUndefined();
  const body = (await first.json()) as { attempt: { id: string; score: number; correctCount: number; questionCount: number }; answers: { questionId: string; correct: boolean }[] };
  // Scored by the server from the stored versions: three right answers out of every question dealt.
  expect(body.attempt).toMatchObject({ id: plan.id, score: 3, correctCount: 3, questionCount: plan.items.length });
  expect(body.answers.filter((a) => a.correct).map((a) => a.questionId)).toEqual(answers.map((a) => a.questionId));
  expect(await stored(plan.id)).toEqual({ attempts: 1, answers: 3, submitted: true });

  // A client that lost the answer retries with the same key and body, by either door: the same result, not stored again.
  for (const url of [URL, VIA_NEXT]) {
    const again = await post(page.request, url, { data: submission });
    expect(again.status()).toBe(200);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect(await again.json()).toEqual(body);
  }
  // Key order does not make it another submission (the key's hash is of the canonical JSON).
  const reordered = await post(page.request, URL, { body: JSON.stringify({ answers, attemptId: plan.id, idempotencyKey: submission.idempotencyKey }) });
  expect(reordered.status()).toBe(200);

  // The same key with another body is refused, naming the key; a new key for the closed attempt is a conflict.
  const changed = await post(page.request, URL, { data: { ...submission, answers: answers.slice(0, 2) } });
  expect(changed.status()).toBe(422);
  expect(((await changed.json()) as { error: { field: string } }).error.field).toBe("idempotencyKey");
  const newKey = await post(page.request, URL, { data: { ...submission, idempotencyKey: randomUUID() } });
  expect(newKey.status()).toBe(409);
  expect(((await newKey.json()) as { error: { field: string } }).error.field).toBe("attemptId");
  expect(await stored(plan.id)).toEqual({ attempts: 1, answers: 3, submitted: true });
});

test("every refusal names its field, matches what Next's path answers, and stores nothing", async ({ page, playwright, baseURL }) => {
  const email = uniqueEmail("submit-refusals");
  await signUpOverHttp(page, "Submit Refusals", email);
  const plan = await dealtAttempt(page, email);
  const answers = await rightAnswers(plan, 2);
  const valid = { idempotencyKey: randomUUID(), attemptId: plan.id, answers };
  const anonymous = await playwright.request.newContext({ baseURL });
  const forged = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged" },
  });

  const cases: { name: string; client: APIRequestContext; sent: Sent; status: number; field?: string }[] = [
    { name: "no session", client: anonymous, sent: { data: valid }, status: 401 },
    { name: "a session token that does not decrypt", client: forged, sent: { data: valid }, status: 401 },
    { name: "not JSON", client: page.request, sent: { body: "{not json" }, status: 400, field: "body" },
    { name: "a malformed key", client: page.request, sent: { data: { ...valid, idempotencyKey: "nope" } }, status: 400, field: "idempotencyKey" },
    { name: "an unknown field", client: page.request, sent: { data: { ...valid, admin: true } }, status: 400 },
    {
      name: "a question not of this attempt",
      client: page.request,
      sent: { data: { ...valid, answers: [{ ...answers[0]!, questionId: "dns/not-a-question" }] } },
      status: 400,
      field: "answers[0].questionId",
    },
    { name: "a version the attempt did not pin", client: page.request, sent: { data: { ...valid, answers: [{ ...answers[0]!, version: 999 }] } }, status: 400, field: "answers[0].version" },
    { name: "an attempt that is not theirs", client: page.request, sent: { data: { ...valid, attemptId: randomUUID() } }, status: 400, field: "attemptId" },
    { name: "a NUL byte", client: page.request, sent: { body: JSON.stringify({ ...valid, attemptId: "a\u0000b" }) }, status: 400, field: "attemptId" },
    { name: "text/plain", client: page.request, sent: { data: valid, headers: { "content-type": "text/plain" } }, status: 415, field: "content-type" },
    { name: "another site's Origin", client: page.request, sent: { data: valid, headers: { origin: "https://evil.example" } }, status: 403 },
    { name: "Sec-Fetch-Site: cross-site", client: page.request, sent: { data: valid, headers: { "sec-fetch-site": "cross-site" } }, status: 403 },
    { name: "a body over 200 kB", client: page.request, sent: { body: JSON.stringify({ ...valid, pad: "x".repeat(210_000) }) }, status: 413, field: "body" },
  ];
  for (const c of cases) {
    const direct = await post(c.client, URL, c.sent);
    const viaNext = await post(c.client, VIA_NEXT, c.sent);
    // Two doors really: Next's router marks what it answers as varying with its RSC headers; the direct path does not.
    expect(viaNext.headers()["vary"], c.name).toContain("rsc");
    expect(direct.headers()["vary"] ?? "", c.name).not.toContain("rsc");
    const answer = await seen(direct);
    expect(answer.status, `${c.name}: ${JSON.stringify(answer.body)}`).toBe(c.status);
    if (c.field) expect((answer.body as { error: { field?: string } }).error.field, c.name).toBe(c.field);
    expect(answer, c.name).toEqual(await seen(viaNext));
  }
  // A session ended since the token was issued (sign-out elsewhere bumps the version): refused by the first query.
  await withDb((client) => client.query("UPDATE users SET session_version = session_version + 1 WHERE email = $1", [email]));
  const stale = await post(page.request, URL, { data: valid });
  expect(stale.status()).toBe(401);

  expect(await stored(plan.id)).toEqual({ attempts: 0, answers: 0, submitted: false });
  await anonymous.dispose();
  await forged.dispose();
});

/**
 * A second server.mjs on the same build and database, started with DIRECT_ROUTES=off: what server.mjs does whenever
 * the direct path cannot be set up (Next's route module or compression module not as expected; the unit tests in
 * tests/unit/server/direct-routes.test.ts force each of those). Resolves once it answers /api/health.
 */
async function startServerWithoutDirectPath(): Promise<{ base: string; log: string[]; stop: () => Promise<void> }> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const log: string[] = [];
  const child = spawn(process.execPath, ["server.mjs", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: base, DIRECT_ROUTES: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
  child.stderr.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  await expect
    .poll(async () => (child.exitCode === null ? (await fetch(`${base}/api/health`).catch(() => null))?.status : `exited: ${log.join(" | ")}`), {
      timeout: 120_000,
    })
    .toBe(200)
    .catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  return { base, log, stop };
}

test("with the direct path off, submissions go through Next's router and keep every rule", async ({ browser }) => {
  const server = await startServerWithoutDirectPath();
  const context = await browser.newContext({ baseURL: server.base });
  try {
    expect(server.log).toContain("> direct routes: Next answers every route (DIRECT_ROUTES=off)");
    const page = await context.newPage();
    const { plan, answers, submission } = await readyToSubmit(page, "Submit Fallback", 2);

    const first = await post(page.request, URL, { data: submission });
    expect(first.status(), await first.text()).toBe(201);
    // Next's router answered the exact path: it marks what it serves as varying with its RSC headers.
    expect(first.headers()["vary"]).toContain("rsc");
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    const body = (await first.json()) as { attempt: { id: string; score: number; questionCount: number } };
    expect(body.attempt).toMatchObject({ id: plan.id, score: 2, questionCount: plan.items.length });
    const again = await post(page.request, URL, { data: submission });
    expect(again.status()).toBe(200);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect(await again.json()).toEqual(body);
    const reused = await post(page.request, URL, { data: { ...submission, answers: answers.slice(0, 1) } });
    expect(reused.status()).toBe(422);
    const unknown = await post(page.request, URL, { data: { ...submission, idempotencyKey: randomUUID(), attemptId: randomUUID() } });
    expect(unknown.status()).toBe(400);
    expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe("attemptId");
    expect(await stored(plan.id)).toEqual({ attempts: 1, answers: 2, submitted: true });
  } finally {
    await context.close();
    await server.stop();
  }
});
