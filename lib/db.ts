import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/server/kernel/env";

// One client per process: Next's dev server reloads modules, so the instance is parked on globalThis.
const globalForDb = globalThis as unknown as { roundtripDb?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 }) });
}

export const db: PrismaClient = globalForDb.roundtripDb ?? createClient();
if (env().NODE_ENV !== "production") globalForDb.roundtripDb = db;
