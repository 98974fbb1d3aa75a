import { afterAll, beforeAll, expect, it } from "vitest";
import { killDuringSubmissions } from "../../scripts/lib/faults.ts";
import { startHarness, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.drop();
});

it("kill -9 of one instance during 64-connection submissions loses and duplicates nothing", async () => {
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
