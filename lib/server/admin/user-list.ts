import "server-only";
import { db } from "@/lib/server/kernel/db";

/** The admin's user list (oldest first, at most 500) and the 20 latest role changes. */
export async function listUsersAndRoleChanges() {
  return Promise.all([
    db.user.findMany({
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, email: true, role: true, createdAt: true },
      take: 500,
    }),
    db.roleChange.findMany({
      orderBy: { createdAt: "desc" },
      take: 20,
      include: { user: { select: { email: true } }, actor: { select: { email: true } } },
    }),
  ]);
}
