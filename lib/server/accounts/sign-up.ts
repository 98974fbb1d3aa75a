import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { weakPasswordMessage } from "@/lib/auth/password-strength";
import { db } from "@/lib/server/kernel/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SignUpInput } from "@/lib/schemas/user";
import { AppError } from "@/lib/server/kernel/errors";

/**
 * A new candidate account with an argon2id hash. A taken email is not an error the caller may see (no account
 * enumeration): the existing account is left as it is. 400 naming `password` when it is too easy to guess.
 */
export async function createAccount({ name, email, password }: SignUpInput): Promise<void> {
  const weak = weakPasswordMessage(password, [name, email]);
  if (weak) throw new AppError(400, weak, "password");
  // Hashing happens for taken emails too, so the answer takes as long either way.
  const passwordHash = await hashPassword(password);
  try {
    await db.user.create({ data: { name, email, passwordHash }, select: { id: true } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}
