// How a submission stores its review cards (migration 20261207040000): every submission moves each answered card's
// "due", and while "due" was indexed no such update could be HOT (heap-only: the new row version on the same page,
// no new index entry, no dead one left behind), so each card cost two index entries per submission.
import { describe, expect, it } from "vitest";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser, fileClient } from "./helpers";

/** t_infomask2 flag of a row version that no index entry points at directly (src/include/access/htup_details.h). */
const HEAP_ONLY_TUPLE = 0x8000;

// pageinspect reads the row versions' headers; it ships with Postgres (contrib) and needs a superuser, as tests have.
const held = fileClient((c) => c.query("CREATE EXTENSION IF NOT EXISTS pageinspect"));

/** For each of the user's cards: whether its current row version is heap-only (written by a HOT update). */
async function heapOnly(userId: string): Promise<boolean[]> {
  const { rows } = await held.client.query<{ heap_only: boolean }>(
    `SELECT (h.t_infomask2 & $2) <> 0 AS heap_only
     FROM review_cards c
     CROSS JOIN LATERAL heap_page_items(get_raw_page('review_cards', (c.ctid::text::point)[0]::int)) AS h
     WHERE c.user_id = $1 AND h.lp = (c.ctid::text::point)[1]::int
     ORDER BY c.question_id`,
    [userId, HEAP_ONLY_TUPLE],
  );
  return rows.map((r) => r.heap_only);
}

describe("review cards written by a submission", () => {
  it("are rewritten in place (HOT) when a later submission answers the same questions", async () => {
    const userId = await makeUser();
    await submitAttempt(userId, await attemptBody(userId, "dns", 3));
    // Made by an INSERT: no card is heap-only yet, so the check below can tell the two apart.
    expect(await heapOnly(userId)).toEqual([false, false, false]);
    const second = await submitAttempt(userId, await attemptBody(userId, "dns", 3));
    expect(second.status).toBe(201);
    expect(await heapOnly(userId)).toEqual([true, true, true]);
  });
});
