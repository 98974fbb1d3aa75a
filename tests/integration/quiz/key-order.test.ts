// The keys a submission writes sort in the order they were made (UUIDv7 from the uuid package, monotonic within a millisecond), so
// each new entry of review_logs_pkey, quiz_attempts_pkey and quiz_answers_pkey goes to the right-hand edge of its
// B-tree rather than to a random leaf. Ordered as Postgres orders them (the indexes' collation), not as JS does.
import { describe, expect, it } from "vitest";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser, fileClient } from "./helpers";

const held = fileClient();

/** The rows' ids in the order the table's primary key holds them. */
async function inKeyOrder(table: "review_logs" | "quiz_attempts", userId: string): Promise<string[]> {
  const { rows } = await held.client.query<{ id: string }>(`SELECT id FROM ${table} WHERE user_id = $1 ORDER BY id`, [userId]);
  return rows.map((r) => r.id);
}

describe("keys written by quiz submissions", () => {
  it("sort in the order the rows were written: review logs, attempts (dealt ids) and so their answers", async () => {
    const userId = await makeUser();
    const written = { logs: [] as string[], attempts: [] as string[] };
    for (let i = 0; i < 6; i++) {
      const before = new Set(await inKeyOrder("review_logs", userId));
      const out = await submitAttempt(userId, await attemptBody(userId, "dns", 3));
      expect(out.status).toBe(201);
      written.attempts.push(out.body.attempt.id);
      // The submission's own logs, in the order its statement listed them (the attempt's question order).
      const { rows } = await held.client.query<{ id: string }>(
        `SELECT l.id FROM review_logs l JOIN unnest($2::text[]) WITH ORDINALITY AS q(id, n) ON q.id = l.question_id
         WHERE l.user_id = $1 AND NOT l.id = ANY($3::text[]) ORDER BY q.n`,
        [userId, out.body.answers.map((a) => a.questionId), [...before]],
      );
      expect(rows).toHaveLength(3);
      written.logs.push(...rows.map((r) => r.id));
    }
    expect(await inKeyOrder("review_logs", userId)).toEqual(written.logs);
    expect(await inKeyOrder("quiz_attempts", userId)).toEqual(written.attempts);
  });
});
