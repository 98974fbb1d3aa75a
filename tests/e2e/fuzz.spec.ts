import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { DEMO, DEMO_PASSWORD } from "./helpers";

// Generated hostile bodies against every route handler and every server action of the production server:
// no answer may be a 5xx, and nothing may be stored. Every case carries at least one ingredient no entry point
// may accept (a NUL byte, nesting past the limit, malformed JSON, a non-JSON content type, a foreign or missing
// Origin, an oversized body, a React reference), so "nothing stored" holds exactly.

const RUNS_PER_ROUTE = 140;
const RUNS_PER_ACTION = 45;
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

type Kind = "nul" | "deep" | "malformed" | "content-type" | "foreign-origin" | "no-origin" | "oversize" | "reference";
type Case = { kind: Kind; text: string; contentType: string; origin: string | null; bigVersion: boolean };

const DEEP = "__ROUNDTRIP_DEEP__";
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Builds the hostile case from a random base object and one injection. */
function hostileCase(keys: readonly string[], wrapInArray: boolean, kinds: readonly Kind[]) {
  // A 1 MB body costs far more to send than the rest; a few per target prove the limit.
  const kind = fc.oneof({ arbitrary: fc.constantFrom(...kinds), weight: 24 }, { arbitrary: fc.constant<Kind>("oversize"), weight: 1 });
  const key = fc.oneof(fc.constantFrom(...keys, "__proto__", "constructor"), fc.string({ maxLength: 12 }));
  const base = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
  return fc
    .record({
      base,
      kind,
      target: fc.constantFrom(...keys),
      text: fc.string({ maxLength: 20 }),
      depth: fc.integer({ min: 65, max: 6000 }),
      cut: fc.nat(),
      bigVersion: fc.boolean(),
      bump: fc.integer({ min: 0, max: 2 ** 20 }),
    })
    .map(({ base, kind, target, text, depth, cut, bigVersion, bump }): Case => {
      const body: Record<string, unknown> = { ...base };
      if (bigVersion) body.version = body.baseVersion = 2 ** 31 + bump;
      if (kind === "nul") body[target] = `${text}\u0000${text}`;
      if (kind === "deep") body[target] = DEEP;
      if (kind === "oversize") body[target] = "x".repeat(1_050_000);
      if (kind === "reference") body[target] = `$${(cut % 16).toString(16)}:a`;
      let json = JSON.stringify(wrapInArray ? [body] : body).replace(`"${DEEP}"`, deepJson(depth));
      if (kind === "malformed") json = json.slice(0, cut % Math.max(1, json.length)) + (cut % 2 ? "{" : "");
      return {
        kind,
        text: json,
        contentType: kind === "content-type" ? "text/plain" : "application/json",
        origin: kind === "foreign-origin" ? "https://evil.example" : kind === "no-origin" ? null : "same",
        bigVersion,
      };
    });
}

type Tally = Record<string, { cases: number; statuses: Record<number, number> }>;
const tally: Tally = {};
function count(target: string, status: number) {
  const t = (tally[target] ??= { cases: 0, statuses: {} });
  t.cases++;
  t.statuses[status] = (t.statuses[status] ?? 0) + 1;
}

async function signedIn(request: APIRequestContext, email: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  expect(res.status()).toBe(200);
}

async function rowCounts(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_limit_buckets', '_prisma_migrations')",
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      counts[table_name] = Number((await client.query(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Server actions as the build registered them: id → exported name (from Next's own manifest). */
function serverActions(): { id: string; name: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next-test", "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  return Object.entries(manifest.node)
    .filter(([, v]) => v.filename.startsWith("lib/actions/"))
    .map(([id, v]) => ({ id, name: v.exportedName }));
}

const ROUTES: { name: string; path: string; keys: string[]; auth: boolean }[] = [
  { name: "POST /api/auth/signup", path: "/api/auth/signup", keys: ["name", "email", "password"], auth: false },
  { name: "POST /api/evaluate", path: "/api/evaluate", keys: ["version", "name", "nodes", "edges", "requirements"], auth: false },
  { name: "POST /api/quiz/attempts", path: "/api/quiz/attempts", keys: ["idempotencyKey", "kind", "chapter", "startedAt", "answers"], auth: true },
];

const ACTION_KEYS = ["designId", "name", "document", "problemId", "minutes", "question", "id", "baseVersion", "transition", "format", "text", "publish", "defaults", "cohortId", "token", "chapter", "section", "source", "sections", "questionId", "version", "response", "selfRating", "userId", "role", "evaluationId"];

// Two halves, run side by side by the two workers of the solo project (playwright.config.ts): nothing else writes
// meanwhile and neither half stores anything, so each half's before/after row counts still hold exactly.
// Issue #14 asks for at least 2,000 cases in all: the routes half sends at least 770, the actions half 45 for each of
// at least 29 actions (1,305).
const ROUTE_CASES = 770;
const ACTION_CASES = 29 * RUNS_PER_ACTION;
test.describe.configure({ mode: "parallel", timeout: 300_000 });

function report(part: string, started: number, minimum: number) {
  const total = Object.values(tally).reduce((s, t) => s + t.cases, 0);
  console.log(`fuzz ${part} (seed ${SEED}): ${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, 0 server errors, nothing stored`);
  for (const [target, t] of Object.entries(tally)) {
    console.log(`  ${target.padEnd(44)} ${String(t.cases).padStart(4)}  ${Object.entries(t.statuses).map(([s, n]) => `${s}×${n}`).join(" ")}`);
  }
  expect(total).toBeGreaterThanOrEqual(minimum);
}

test("the two halves send at least 2,000 hostile cases in all", () => {
  expect(ROUTE_CASES + ACTION_CASES).toBeGreaterThanOrEqual(2000);
});

test("hostile bodies at every route handler: no 5xx, nothing stored", async ({ playwright, baseURL }) => {
  const started = Date.now();
  const before = await rowCounts();
  const admin = await playwright.request.newContext({ baseURL });
  await signedIn(admin, DEMO.admin);
  const anonymous = await playwright.request.newContext({ baseURL });

  const routeKinds: Kind[] = ["nul", "deep", "malformed", "content-type", "foreign-origin"];
  let seed = SEED;
  for (const route of ROUTES) {
    for (const [who, client] of [["signed in", admin], ["anonymous", anonymous]] as const) {
      if (!route.auth && who === "signed in") continue;
      await fc.assert(
        fc.asyncProperty(hostileCase(route.keys, false, routeKinds), async (c) => {
          const res = await client.post(route.path, {
            data: c.text,
            headers: { "content-type": c.contentType, ...(c.origin === "same" ? {} : c.origin ? { origin: c.origin } : {}) },
          });
          count(`${route.name} (${who})`, res.status());
          expect(res.status(), `${route.name} ${c.kind}: ${c.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(res.status(), `${route.name} ${c.kind}: ${c.text.slice(0, 200)}`).toBeLessThan(500);
          const body = (await res.json()) as { error?: { message?: string } };
          expect(typeof body.error?.message).toBe("string");
        }),
        { numRuns: route.auth ? RUNS_PER_ROUTE / 2 : RUNS_PER_ROUTE, seed: seed++ },
      );
    }
  }

  // The query-string route and next-auth's form posts.
  const text = fc.string({ maxLength: 30 });
  await fc.assert(
    fc.asyncProperty(fc.record({ format: text, chapter: text, status: text }), async (q) => {
      const params = new URLSearchParams({ format: `${q.format}\u0000`, chapter: q.chapter, status: q.status });
      const res = await admin.get(`/api/instructor/export?${params}`);
      count("GET /api/instructor/export", res.status());
      expect(res.status(), params.toString()).toBeGreaterThanOrEqual(400);
      expect(res.status(), params.toString()).toBeLessThan(500);
    }),
    { numRuns: RUNS_PER_ROUTE, seed: seed++ },
  );
  const formValue = fc.oneof(text, text.map((s) => `${s}\u0000`), fc.constantFrom("http://[::1", "//evil.example", "javascript:alert(1)", "%E0%A4%A", "/ok"));
  for (const action of ["callback/credentials", "signout", "signin/credentials"]) {
    await fc.assert(
      fc.asyncProperty(fc.record({ email: formValue, password: formValue, callbackUrl: formValue, csrfToken: text }), async (form) => {
        const res = await anonymous.post(`/api/auth/${action}`, { form: { ...form, json: "true" }, maxRedirects: 0 });
        count(`POST /api/auth/${action}`, res.status());
        expect(res.status(), JSON.stringify(form)).toBeLessThan(500);
      }),
      { numRuns: Math.round(RUNS_PER_ROUTE / 2), seed: seed++ },
    );
  }

  expect(await rowCounts()).toEqual(before);
  report("routes", started, ROUTE_CASES);
  await admin.dispose();
  await anonymous.dispose();
});

test("hostile bodies at every server action: no 5xx, nothing stored", async ({ playwright, baseURL }) => {
  const started = Date.now();
  const before = await rowCounts();
  const admin = await playwright.request.newContext({ baseURL });
  await signedIn(admin, DEMO.admin);

  const actionKinds: Kind[] = ["nul", "deep", "malformed", "no-origin", "foreign-origin", "reference", "nul"];
  // The seeds the routes half did not use, so the actions see the same cases as when this was one test.
  let seed = SEED + 8;
  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(29);
  for (const action of actions) {
    let reachedWrapper = 0;
    await fc.assert(
      fc.asyncProperty(hostileCase(ACTION_KEYS, true, actionKinds), async (c) => {
        const res = await admin.post("/learn", {
          data: c.text,
          headers: {
            "next-action": action.id,
            "content-type": "text/plain;charset=UTF-8",
            ...(c.origin === "same" ? { origin: baseURL! } : c.origin ? { origin: c.origin } : {}),
          },
        });
        count(`action ${action.name}`, res.status());
        const label = `${action.name} ${c.kind}: ${c.text.slice(0, 200)}`;
        expect(res.status(), label).toBeLessThan(500);
        if (res.status() === 200) {
          // The action ran through defineAction and refused: the flight body carries the failed result.
          expect(await res.text(), label).toContain('"ok":false');
          reachedWrapper++;
        } else expect(res.status(), label).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS_PER_ACTION, seed: seed++ },
    );
    expect(reachedWrapper, `${action.name}: no case reached defineAction`).toBeGreaterThan(0);
  }

  expect(await rowCounts()).toEqual(before);
  report("actions", started, ACTION_CASES);
  await admin.dispose();
});
