"use server";

import { revalidatePath } from "next/cache";
import { setRoleSchema } from "@/lib/schemas/user";
import { setRole } from "@/lib/server/admin/users";
import { defineAction } from "@/lib/server/kernel/action";

/** Admins change a user's role; the change is recorded, and the last admin cannot remove their own access. */
export const setUserRole = defineAction({ grant: "admin", schema: setRoleSchema }, async ({ userId, role }, actor) => {
  const result = await setRole(actor.id, userId, role);
  revalidatePath("/admin/users");
  return result;
});
