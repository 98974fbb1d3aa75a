import "server-only";
import { db } from "@/lib/server/kernel/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Voids every session token the user holds (they sign in again). Pass `tx` to do it inside a transaction. */
export async function endSessions(userId: string, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
