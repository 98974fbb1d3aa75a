import type { PrismaClient } from "../../lib/generated/prisma/client.ts";

/** Loads content/questions/*.json into the question tables (written by the quiz feature). */
export async function seedQuestions(_prisma: PrismaClient, _log: (m: string) => void): Promise<void> {}
