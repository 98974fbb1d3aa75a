// Shared by `npm start`, `npm run db:migrate` and `npm run db:seed`: where the database is and how to reach it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type EmbeddedDb } from "./embedded-pg.ts";

export const DATA_DIR = path.resolve(".data");
export const EMBEDDED_DB_NAME = "roundtrip";

export type Database = { url: string; embedded: EmbeddedDb | null };

/** DATABASE_URL when set; otherwise the embedded Postgres under .data/pg, started here. */
export async function resolveDatabase(log: (m: string) => void): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), port, persistent: true, log });
  await ensureDatabase(embedded.serverUrl, EMBEDDED_DB_NAME);
  log(`Embedded Postgres ready on 127.0.0.1:${port} in ${Date.now() - started} ms (data in .data/pg).`);
  return { url: withDatabase(embedded.serverUrl, EMBEDDED_DB_NAME), embedded };
}

/** NEXTAUTH_SECRET when set; otherwise one generated once and kept in .data/, so sessions survive restarts. */
export function resolveAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
