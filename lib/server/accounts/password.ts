import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { weakPasswordMessage } from "@/lib/auth/password-strength";
import { db } from "@/lib/server/kernel/db";
import { AppError } from "@/lib/server/kernel/errors";
import type { ChangePasswordInput } from "@/lib/schemas/user";

/**
 * Replaces the user's password after checking the current one, and ends every session of the account in the
 * same update (the session version goes up), so a stolen cookie dies with the old password.
 */
export async function changePassword(userId: string, input: ChangePasswordInput): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, name: true, email: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError(400, "That is not your current password.", "currentPassword");
  }
  const weak = weakPasswordMessage(input.newPassword, [user.name, user.email]);
  if (weak) throw new AppError(400, weak, "newPassword");
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
  });
}
