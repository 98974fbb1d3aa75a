// Issue 17 items 3(b) and 3(c) on one cluster and one Postgres server of the file's own (the drills stop it and
// turn its database read-only; the shared test server must stay up): a restart under load, a read-only database, a
// full disk, and the designed 503 page (server-unavailable.mjs) for a page that cannot render, never Next's 500 or a
// stack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnlyDatabase, restartPostgresDuringLoad } from "../../scripts/lib/faults.ts";
import { signIn } from "../../scripts/lib/http-session.ts";
import { queryRows, startHarness, type Harness } from "./harness.ts";
import { ownPostgres } from "./postgres.ts";

let pgServer: Awaited<ReturnType<typeof ownPostgres>>;
let h: Harness;
beforeAll(async () => {
  pgServer = await ownPostgres();
  h = await startHarness({ serverUrl: pgServer.serverUrl });
});
afterAll(async () => {
  await h?.drop();
  await pgServer?.remove();
});

describe("fault drills", () => {
  it("a Postgres restart under load: health 503 then 200 by itself, no request past its timeout, nothing half-saved or lost", async () => {
    const f = await restartPostgresDuringLoad(h.cluster, h.url, pgServer.control);
    expect(f.healthWent503AfterMs).toBeGreaterThanOrEqual(0);
    expect(f.healthBack200AfterMs).toBeGreaterThanOrEqual(0);
    expect(f.timedOut).toBe(0);
    expect(f.halfSaved).toBe(0);
    expect(f.lostAcknowledged).toBe(0);
    expect(f.acknowledged).toBeGreaterThanOrEqual(40);
    // While the database was away the answer is 503 (or nginx's 502 when a connection was cut), never a 500.
    expect(Object.keys(f.byStatus).filter((s) => !["200", "201", "502", "503"].includes(s))).toEqual([]);
  });

  it("a read-only database gives a clear 503 with no stack trace, and nothing is stored", async () => {
    const f = await readOnlyDatabase(h.cluster, h.url, pgServer.serverUrl);
    expect(f.submitStatus).toBe(503);
    expect(f.submitMessage).toMatch(/read-only/);
    expect(f.retryAfter).not.toBeNull();
    expect(f.stackInBody).toBe(false);
    expect(f.stored).toBe(0);
    expect(f.pageHasStack).toBe(false);
  });
});

describe("the 503 page", () => {
  const STACK = /\n\s+at [\w.<>]+ \(|node_modules\//;
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn(h.cluster.nginxUrl, "candidate@roundtrip.dev", "roundtrip-demo");
  });

  async function page(path: string) {
    const res = await fetch(`${h.cluster.nginxUrl}${path}`, {
      headers: { cookie, accept: "text/html,application/xhtml+xml" },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  function expectUnavailablePage(res: Awaited<ReturnType<typeof page>>) {
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toContain("We cannot reach our database right now");
    expect(res.body).toMatch(/<a [^>]*href="\/learn"/);
    expect(STACK.test(res.body)).toBe(false);
  }

  async function terminateSessions(name: string) {
    await queryRows(h.serverUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  }

  it("a page that must write (a quiz deals its attempt) on a read-only database gives the 503 page", async () => {
    const name = new URL(h.url).pathname.slice(1);
    // Signed in and readable first: the quiz page renders.
    expect((await page("/quizzes/dns")).status).toBe(200);
    await queryRows(h.serverUrl, `ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
    await terminateSessions(name);
    try {
      // Another chapter's quiz has no open attempt yet, so the page has to insert one.
      expectUnavailablePage(await page("/quizzes/tls"));
      // Pages that only read still work meanwhile.
      expect((await page("/dashboard")).status).toBe(200);
    } finally {
      await queryRows(h.serverUrl, `ALTER DATABASE "${name}" RESET default_transaction_read_only`);
      await terminateSessions(name);
    }
    expect((await page("/quizzes/tls")).status).toBe(200);
  });

  it("a full disk (Postgres's disk_full, 53100, when the quiz deals its attempt) gives the 503 page and stores nothing", async () => {
    // Filling a real disk would need a filesystem of the test's own (a mount, which a container may refuse). Postgres
    // reports a full disk to the client as SQLSTATE 53100 with "could not extend file … No space left on device";
    // a trigger raises exactly that on the insert the page makes, so the real driver and server handle the real error.
    const before = await queryRows(h.url, "SELECT count(*)::int AS n FROM attempt_plans");
    await queryRows(
      h.url,
      `CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         RAISE EXCEPTION 'could not extend file "base/16384/16385": No space left on device' USING ERRCODE = 'disk_full',
           HINT = 'Check free disk space.';
       END $$`,
    );
    await queryRows(h.url, "CREATE TRIGGER full_disk BEFORE INSERT ON attempt_plans FOR EACH ROW EXECUTE FUNCTION full_disk()");
    try {
      expectUnavailablePage(await page("/quizzes/caching"));
      expect((await page("/dashboard")).status).toBe(200);
      expect(await queryRows(h.url, "SELECT count(*)::int AS n FROM attempt_plans")).toEqual(before);
    } finally {
      await queryRows(h.url, "DROP TRIGGER full_disk ON attempt_plans");
      await queryRows(h.url, "DROP FUNCTION full_disk()");
    }
    expect((await page("/quizzes/caching")).status).toBe(200);
  });

  it("a page on a stopped database gives the 503 page, and renders again once Postgres is back", async () => {
    await pgServer.control.stop();
    try {
      expectUnavailablePage(await page("/dashboard"));
      // Prerendered chapters need no database at all.
      expect((await page("/learn/big-picture")).status).toBe(200);
    } finally {
      await pgServer.control.start();
    }
    await expect.poll(async () => (await page("/dashboard")).status, { timeout: 60_000 }).toBe(200);
  });
});
