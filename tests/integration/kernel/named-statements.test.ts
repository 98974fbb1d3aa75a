// Named statements (DATABASE_NAMED_STATEMENTS): on by default only without a pooler in front, and when on, a quiz
// submission's statements are prepared once per connection and reused, which is what saves Postgres the parsing
// and planning (issue 17). Behind PgBouncer (off) the cluster test (tests/cluster/pgbouncer.test.ts) submits.
import { describe, expect, it } from "vitest";
import { createEnv } from "@/lib/server/kernel/env";
import { namedStatements, pool } from "@/lib/server/kernel/db";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser } from "../quiz/helpers";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };

describe("DATABASE_NAMED_STATEMENTS", () => {
  it("defaults to on without DIRECT_DATABASE_URL, off with it (a pooler in front), and either can be forced", () => {
    expect(namedStatements(createEnv(base))).toBe(true);
    expect(namedStatements(createEnv({ ...base, DIRECT_DATABASE_URL: "postgresql://u:p@db:5432/db" }))).toBe(false);
    expect(namedStatements(createEnv({ ...base, DIRECT_DATABASE_URL: "postgresql://u:p@db:5432/db", DATABASE_NAMED_STATEMENTS: "on" }))).toBe(true);
    expect(namedStatements(createEnv({ ...base, DATABASE_NAMED_STATEMENTS: "off" }))).toBe(false);
    expect(() => createEnv({ ...base, DATABASE_NAMED_STATEMENTS: "yes" })).toThrow(/DATABASE_NAMED_STATEMENTS/);
  });

  it("prepares a submission's statements once per connection and executes them again by name", async () => {
    // Every pool connection busy at once would spread the statements thin: submissions queue per user and each
    // batch is one statement, so a few in a row use one or two connections.
    const userId = await makeUser("named");
    for (let i = 0; i < 4; i++) {
      const outcome = await submitAttempt(userId, await attemptBody(userId, "big-picture", 3));
      expect(outcome.status).toBe(201);
    }
    // Each idle connection reports its own prepared statements; pg-pool hands out the most recently used first.
    const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    try {
      const seen = await Promise.all(
        clients.map(async (c) =>
          (await c.query<{ name: string; plans: string }>(
            `SELECT name, (generic_plans + custom_plans)::text AS plans FROM pg_prepared_statements WHERE name LIKE 'rt\\_%'`,
          )).rows,
        ),
      );
      const executions = seen.flat().reduce((n, r) => n + Number(r.plans), 0);
      // The read (and the write) ran by name; more executions than statements prepared means some were reused.
      expect(seen.flat().length).toBeGreaterThan(0);
      expect(executions).toBeGreaterThan(seen.flat().length);
    } finally {
      for (const c of clients) c.release();
    }
  });
});
