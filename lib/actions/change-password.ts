"use server";

import { changePasswordSchema } from "@/lib/schemas/user";
import { defineAction } from "@/lib/server/kernel/action";
import { changePassword as change } from "@/lib/server/accounts/password";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Changes the caller's password and ends every session of the account; a refusal is a 400 naming its field. */
export const changePassword = defineAction({ grant: "candidate", schema: changePasswordSchema }, async (input, user) => {
  // Each try runs argon2 on the current password, so guesses are limited like sign-ins.
  await limitPerUser(RATE_LIMITS.passwordChangePerUser, user.id);
  await change(user.id, input);
});
