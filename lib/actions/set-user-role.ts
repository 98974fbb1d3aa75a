"use server";

import { revalidatePath } from "next/cache";
import { setRoleSchema } from "@/lib/schemas/user";
import { ActionError, defineAction } from "@/lib/server/action";
import { setRole, UserAdminError } from "@/lib/server/admin/users";

/** Admins change a user's role; the change is recorded, and the last admin cannot remove their own access. */
export const setUserRole = defineAction({ grant: "admin", schema: setRoleSchema }, async ({ userId, role }, actor) => {
  try {
    const result = await setRole(actor.id, userId, role);
    revalidatePath("/admin/users");
    return result;
  } catch (error) {
    if (error instanceof UserAdminError) throw new ActionError(error.status, error.message);
    throw error;
  }
});
