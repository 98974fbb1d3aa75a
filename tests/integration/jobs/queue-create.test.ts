import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { createBoss, ensureQueue } from "@/lib/server/jobs/boss";

// pg-boss 10 creates a queue with no lock of its own: the queue row, then a partition with a foreign key to the
// queue table. Two creations at once (two workers starting together on a new database, each making the same
// queues) deadlock on the queue table, and the loser's worker died: in CI (stop 24) after it had already taken a
// job, which then stayed active until it expired ten minutes later.

const bosses = [createBoss(process.env.DATABASE_URL!), createBoss(process.env.DATABASE_URL!)];
afterAll(() => Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true }))));

it("two processes creating the same new queues at the same moment both succeed, and each queue exists once with our settings", async () => {
  await Promise.all(bosses.map((b) => b.start()));
  const names = Array.from({ length: 4 }, () => `race-${randomUUID().slice(0, 8)}`);
  const outcomes = await Promise.allSettled(bosses.flatMap((b) => names.map((name) => ensureQueue(b, name))));
  expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
  for (const name of names) {
    const queue = await bosses[0]!.getQueue(name);
    expect(queue).toMatchObject({ name, retryLimit: 2, retryDelay: 5, expireInSeconds: 600 });
  }
});
