import type { PrismaClient } from "../../lib/generated/prisma/client.ts";

/** Loads content/problems/*.json into the problems table (written by the practice feature). */
export async function seedProblems(_prisma: PrismaClient, _log: (m: string) => void): Promise<void> {}
