import "server-only";
import { endSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/server/kernel/db";
import type { Role } from "@/lib/schemas/user";
import { AppError } from "@/lib/server/kernel/errors";

/**
 * Changes a user's role, records who did it, and ends the user's sessions (they sign in again under the new
 * role). Refuses to demote the last admin. The admin rows are locked first (FOR UPDATE), so two admins demoting
 * each other at the same moment run one after the other and the second sees the first's change: without the
 * lock, both counted two admins under READ COMMITTED and both went ahead, leaving none.
 */
export async function setRole(actorId: string, userId: string, role: Role): Promise<{ id: string; role: Role }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!target) throw new AppError(404, "No such user.");
    if (target.role === role) return { id: target.id, role };
    if (target.role === "ADMIN" && role !== "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new AppError(409, "This is the last admin account; make someone else an admin first.");
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await endSessions(userId, tx);
    await tx.roleChange.create({ data: { userId, actorId, fromRole: target.role, toRole: role } });
    return { id: target.id, role };
  });
}
