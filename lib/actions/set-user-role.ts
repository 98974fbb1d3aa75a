"use server";

import { setRoleSchema } from "@/lib/schemas/user";
import { setRole } from "@/lib/server/admin/users";
import { defineAction } from "@/lib/server/kernel/action";

/** Admins change a user's role; the change is recorded, and the last admin cannot remove their own access. */
export const setUserRole = defineAction(
  { grant: "admin", schema: setRoleSchema, revalidate: ["/admin/users"] },
  async ({ userId, role }, actor) => setRole(actor.id, userId, role),
);
