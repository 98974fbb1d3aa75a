import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { weakPasswordMessage } from "@/lib/auth/password-strength";
import { db } from "@/lib/db";
import type { ChangePasswordInput } from "@/lib/schemas/user";

/** A refusal naming the field, for the form. */
export class AccountError extends Error {
  constructor(
    readonly field: "currentPassword" | "newPassword",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Replaces the user's password after checking the current one, and ends every session of the account in the
 * same update (the session version goes up), so a stolen cookie dies with the old password.
 */
export async function changePassword(userId: string, input: ChangePasswordInput): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, name: true, email: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AccountError("currentPassword", "That is not your current password.");
  }
  const weak = weakPasswordMessage(input.newPassword, [user.name, user.email]);
  if (weak) throw new AccountError("newPassword", weak);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
  });
}

/** changePassword for the form: a refusal comes back naming its field instead of being thrown. */
export async function changePasswordForForm(
  userId: string,
  input: ChangePasswordInput,
): Promise<{ ok: true } | { ok: false; field: AccountError["field"]; message: string }> {
  try {
    await changePassword(userId, input);
    return { ok: true };
  } catch (error) {
    if (error instanceof AccountError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}
