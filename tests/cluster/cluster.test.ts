import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealSubmissions, killDuringSubmissions, questionPool } from "../../scripts/lib/faults.ts";
import { readMigrations } from "../../scripts/lib/migrate.ts";
import { callServerAction, serverActionId, signIn } from "../../scripts/lib/http-session.ts";
import { DIST, queryRows, startHarness, type Harness } from "./harness.ts";

const EVALUATE_LIMIT = 4;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { RATE_LIMIT_EVALUATE_PER_USER: String(EVALUATE_LIMIT) } });
});
afterAll(async () => {
  await h?.drop();
});

describe("two instances behind nginx on one Postgres", () => {
  it("applied each migration once although both instances ran the migration step at the same time", async () => {
    const rows = await queryRows<{ migration_name: string; n: string }>(
      h.url,
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name).sort()).toEqual(readMigrations().map((m) => m.name));
    expect(rows.every((r) => r.n === "1")).toBe(true);
  });

  it("a session made on A works on B and through nginx", async () => {
    const [a, b] = h.cluster.instances;
    const cookie = await signIn(a!.url, "candidate@roundtrip.dev", "roundtrip-demo");
    for (const base of [b!.url, h.cluster.nginxUrl]) {
      const res = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
      expect(((await res.json()) as { user?: { email?: string } }).user?.email).toBe("candidate@roundtrip.dev");
    }
  });

  it("a server action signed in on A runs on B and through nginx", async () => {
    const [a, b] = h.cluster.instances;
    const cookie = await signIn(a!.url, "candidate@roundtrip.dev", "roundtrip-demo");
    const id = serverActionId(DIST, "lib/actions/mark-section-done.ts", "markSectionDone");
    const sections = ["why-networking", "osi-model", "seven-stages"];
    // Each instance directly first: an instance's first request for a page loads that page's code, which at load ~30
    // took longer than nginx's 30 s proxy_read_timeout (a 504). Through nginx it then tests sharing, not a cold start.
    for (const [i, base] of [b!.url, a!.url, h.cluster.nginxUrl].entries()) {
      const res = await callServerAction(base, "/learn/big-picture", id, [{ chapter: "big-picture", section: sections[i] }], cookie);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(sections[i]);
    }
    const rows = await queryRows<{ section: string }>(
      h.url,
      `SELECT p.section FROM section_progress p JOIN users u ON u.id = p.user_id WHERE u.email = $1 AND p.chapter = 'big-picture' ORDER BY p.section`,
      ["candidate@roundtrip.dev"],
    );
    expect(rows.map((r) => r.section)).toEqual([...sections].sort());
  });

  it("a rate limit counts the hits of every instance together", async () => {
    const [a, b] = h.cluster.instances;
    const cookie = await signIn(a!.url, "instructor@roundtrip.dev", "roundtrip-demo");
    const post = (base: string) =>
      fetch(`${base}/api/evaluate`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: "{}" });
    // The limit is 4 per user: two hits on A and two on B use it up, so the fifth is refused wherever it lands.
    const statuses = [];
    for (const base of [a!.url, b!.url, a!.url, b!.url, h.cluster.nginxUrl, a!.url, b!.url]) statuses.push((await post(base)).status);
    expect(statuses.slice(0, EVALUATE_LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(EVALUATE_LIMIT)).toEqual([429, 429, 429]);
  });

  it("a quiz submission replayed on the other instance is not stored twice", async () => {
    const [a, b] = h.cluster.instances;
    const cookie = await signIn(a!.url, "candidate@roundtrip.dev", "roundtrip-demo");
    const key = randomUUID();
    const body = (await dealSubmissions(h.url, "candidate@roundtrip.dev", await questionPool(h.url), 1))(0, key);
    const post = (base: string) => fetch(`${base}/api/quiz/attempts`, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    const first = await post(a!.url);
    const replayB = await post(b!.url);
    const replayNginx = await post(h.cluster.nginxUrl);
    expect([first.status, replayB.status, replayNginx.status]).toEqual([201, 200, 200]);
    const ids = await Promise.all([first, replayB, replayNginx].map(async (r) => ((await r.json()) as { attempt: { id: string } }).attempt.id));
    expect(new Set(ids).size).toBe(1);
    const [count] = await queryRows<{ n: string }>(h.url, "SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key = $1", [key]);
    expect(count!.n).toBe("1");
  });
});

// Last, because it ends instance A: the cluster every test above used is the one the drill kills (a cluster start
// of its own cost minutes on a loaded machine and proved nothing more).
describe("fault (a): kill -9 of one instance", () => {
  it("during 64-connection submissions loses and duplicates nothing", async () => {
    const f = await killDuringSubmissions(h.cluster, h.url);
    expect(f.killedAfter).toBeGreaterThan(0);
    expect(h.cluster.instances[0]!.process!.signalCode).toBe("SIGKILL");
    expect(f.failed).toBe(0);
    expect(f.acknowledged).toBe(f.submissions);
    expect(f.lostAcknowledged).toBe(0);
    expect(f.stored.duplicates).toBe(0);
    expect(f.stored.attempts).toBe(f.acknowledged);
    expect(f.stored.answers).toBe(f.answersExpected);
  });
});
