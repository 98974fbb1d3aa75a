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

/** A piece of parameterised SQL made by `sqlPart`, spliced into a `sql` statement with its parameters renumbered. */
export class SqlPart {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Like `sql`, but a part of a statement, for a `sql` template to take in (one statement built from pieces). */
export function sqlPart(strings: TemplateStringsArray, ...values: unknown[]): SqlPart {
  return new SqlPart(strings, values);
}

/** A tagged template that turns interpolations into $1, $2… parameters (never string-spliced into the SQL). */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): { text: string; values: unknown[] } {
  const params: unknown[] = [];
  const render = (parts: readonly string[], args: readonly unknown[]): string => {
    let text = parts[0] ?? "";
    args.forEach((value, i) => {
      if (value instanceof SqlFragment) text += value.text;
      else if (value instanceof SqlPart) text += render(value.strings, value.values);
      else {
        params.push(value);
        text += `$${params.length}`;
      }
      text += parts[i + 1] ?? "";
    });
    return text;
  };
  return { text: render(strings, values), values: params };
}

export async function query<R extends pg.QueryResultRow>(q: { text: string; values: unknown[] }): Promise<R[]> {
  return (await quizPool().query<R>(q)).rows;
}
