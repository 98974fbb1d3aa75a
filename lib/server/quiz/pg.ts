import "server-only";
import pg from "pg";
import { poolTimeouts } from "@/lib/db";
import { env } from "@/lib/server/kernel/env";

// The submit path talks to Postgres through node-postgres directly: it runs two hand-written statements per
// request, and skipping the ORM's query pipeline roughly halves their CPU cost. Everything else uses `db`.
const globalForPool = globalThis as unknown as { roundtripQuizPool?: pg.Pool };

export function quizPool(): pg.Pool {
  globalForPool.roundtripQuizPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 12, ...poolTimeouts() });
  return globalForPool.roundtripQuizPool;
}

/** A fixed piece of SQL written by us (never user input) that `sql` splices in as text rather than as a parameter. */
export class SqlFragment {
  constructor(readonly text: string) {}
}

/** A tagged template that turns interpolations into $1, $2… parameters (never string-spliced into the SQL). */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): { text: string; values: unknown[] } {
  let text = strings[0] ?? "";
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) text += value.text;
    else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1] ?? "";
  });
  return { text, values: params };
}

export async function query<R extends pg.QueryResultRow>(q: { text: string; values: unknown[] }): Promise<R[]> {
  return (await quizPool().query<R>(q)).rows;
}
