"use server";

import { changePasswordSchema } from "@/lib/schemas/user";
import { defineAction } from "@/lib/server/kernel/action";
import { changePasswordForForm } from "@/lib/server/accounts/password";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Changes the caller's password; every session of the account ends, this one included (sign in again). */
export const changePassword = defineAction({ grant: "candidate", schema: changePasswordSchema }, async (input, user) => {
  // Each try runs argon2 on the current password, so guesses are limited like sign-ins.
  await limitPerUser(RATE_LIMITS.passwordChangePerUser, user.id);
  return changePasswordForForm(user.id, input);
});
