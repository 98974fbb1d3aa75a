import { afterAll, beforeAll, expect, it } from "vitest";
import { readOnlyDatabase, restartPostgresDuringLoad } from "../../scripts/lib/faults.ts";
import { startHarness, type Harness } from "./harness.ts";
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
