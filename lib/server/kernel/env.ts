import "server-only";
import { z } from "zod";
import { sheddingEnvSchema } from "./load-shedding.mjs";

// The only module that reads process.env for the app's configuration (lint-enforced). Validated once per
// process, on first use: `next build` runs without the runtime variables, so the check cannot happen at import.
const positiveInt = z.coerce.number().int().positive();

const serverEnvSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// connection string" }),
  /**
   * Postgres itself when DATABASE_URL points at a pooler in transaction mode (PgBouncer): migrations hold a
   * session-level advisory lock and pg-boss creates and maintains its schema, both of which need a session of
   * their own. Unset: DATABASE_URL is used for everything (docs/deploy.md, PgBouncer).
   */
  DIRECT_DATABASE_URL: z.string().url({ message: "DIRECT_DATABASE_URL must be a postgresql:// connection string" }).optional(),
  /**
   * Whether the hot hand-written statements are prepared once per connection under a name (Postgres then skips
   * parsing and, once it settles on a generic plan, planning). A pooler in transaction mode hands each
   * transaction a different server connection, where the name does not exist, so the default is "on" only
   * without one: when DIRECT_DATABASE_URL is unset (docs/deploy.md, PgBouncer).
   */
  DATABASE_NAMED_STATEMENTS: z.enum(["on", "off"], { message: 'DATABASE_NAMED_STATEMENTS must be "on" or "off"' }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, { message: "NEXTAUTH_SECRET must be at least 32 characters" }),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  RATE_LIMIT_DISABLED: z.enum(["0", "1"]).optional(),
  /** How many reverse proxies in front of the app append to X-Forwarded-For; 0 = trust only the socket. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
}).and(sheddingEnvSchema); // the load-shedding knobs server.mjs reads (docs/deploy.md)

export type ServerEnv = z.infer<typeof serverEnvSchema> & {
  /** RATE_LIMIT_<RULE>=<n> overrides, by variable name (see lib/server/kernel/rate-limit.ts). */
  rateLimitOverrides: Record<string, number>;
};

let cached: ServerEnv | undefined;

function fail(problems: string[]): never {
  throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
}

/** Reads and validates the environment once; a missing or malformed variable stops the server with a clear message. */
export function createEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(source);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const rateLimitOverrides: Record<string, number> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(source)) {
    if (!/^RATE_LIMIT_[A-Z0-9_]+$/.test(name) || name === "RATE_LIMIT_DISABLED" || value === undefined) continue;
    const n = positiveInt.safeParse(value);
    if (n.success) rateLimitOverrides[name] = n.data;
    else problems.push(`${name}: must be a whole number above 0`);
  }
  if (problems.length) fail(problems);
  return { ...parsed.data, rateLimitOverrides };
}

export function env(): ServerEnv {
  cached ??= createEnv();
  return cached;
}

/**
 * An operator's tuning knob (a timeout, a pool size): a whole number above 0 from `name`, else `fallback`.
 * Read at the call (the knobs are read once when their module loads), never validated into a crash.
 */
export function tunable(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The raw values of a few named variables, for a module that parses its own small settings (e.g. review steps). */
export function envVars(names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}
