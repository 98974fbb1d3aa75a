"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { setRoleSchema } from "@/lib/schemas/user";
import { defineAction } from "@/lib/server/kernel/action";
import { AppError } from "@/lib/server/kernel/errors";

/** Admins change a user's role; the change is recorded, and the last admin cannot remove their own access. */
export const setUserRole = defineAction({ grant: "admin", schema: setRoleSchema }, async ({ userId, role }, actor) => {
  const result = await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!target) throw new AppError(404, "No such user.");
    if (target.role === role) return { id: target.id, role };
    if (target.role === "ADMIN" && role !== "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new AppError(409, "This is the last admin account; make someone else an admin first.");
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await tx.roleChange.create({ data: { userId, actorId: actor.id, fromRole: target.role, toRole: role } });
    return { id: target.id, role };
  });
  revalidatePath("/admin/users");
  return result;
});
