// How a submission stores its answers (migration 20261207100000): keyed by (attempt, position), with no id of their
// own and no separate attempt index. Each index on quiz_answers is an entry written per answer on every submission
// (five answers: 15 entries before, 10 now), so the set of indexes is pinned here, each with the reader it serves.
import { describe, expect, it } from "vitest";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser, fileClient } from "./helpers";

const held = fileClient();

/** The plan Postgres picks for a read, as one line per node. */
async function plan(text: string, params: unknown[]): Promise<string> {
  await held.client.query("BEGIN");
  try {
    // The test's table is tiny, where a sequential or bitmap scan and a sort win on cost; the question is which
    // index can serve the read, in order, once a user has thousands of answers.
    await held.client.query("SET LOCAL enable_seqscan = off");
    await held.client.query("SET LOCAL enable_bitmapscan = off");
    const { rows } = await held.client.query<{ "QUERY PLAN": string }>(`EXPLAIN (COSTS OFF) ${text}`, params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await held.client.query("ROLLBACK");
  }
}

describe("quiz answers as stored", () => {
  it("have exactly two indexes: the key (attempt, position) and the question", async () => {
    const { rows } = await held.client.query<{ name: string; def: string; primary: boolean }>(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def, x.indisprimary AS primary
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'quiz_answers'::regclass ORDER BY 1`,
    );
    expect(rows.map((r) => [r.name, r.primary, r.def.replace(/^.* USING /, "")])).toEqual([
      // Results, replays and the statistics job read an attempt's answers in position order.
      ["quiz_answers_pkey", true, "btree (attempt_id, \"position\")"],
      // The dashboard's latest answer per question; refusing to delete an answered question.
      ["quiz_answers_question_id_idx", false, "btree (question_id)"],
    ]);
  });

  it("are stored at positions 0…n-1 of their attempt, one answer per position", async () => {
    const userId = await makeUser();
    const out = await submitAttempt(userId, await attemptBody(userId, "dns", 3));
    expect(out.status).toBe(201);
    const { rows } = await held.client.query<{ position: number }>(
      "SELECT position FROM quiz_answers WHERE attempt_id = $1 ORDER BY position",
      [out.body.attempt.id],
    );
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2]);
    // A second answer at a taken position is refused by the key.
    await expect(
      held.client.query(
        `INSERT INTO quiz_answers (attempt_id, question_version_id, question_id, position, response, score, correct)
         SELECT attempt_id, question_version_id, question_id, position, response, score, correct FROM quiz_answers
         WHERE attempt_id = $1 AND position = 0`,
        [out.body.attempt.id],
      ),
    ).rejects.toMatchObject({ code: "23505", constraint: "quiz_answers_pkey" });
  });

  it("of one attempt are read in order through the key, with no sort", async () => {
    const text = await plan("SELECT * FROM quiz_answers WHERE attempt_id = $1 ORDER BY position", ["any"]);
    expect(text).toContain("Index Scan using quiz_answers_pkey on quiz_answers");
    expect(text).not.toContain("Sort");
  });
});
