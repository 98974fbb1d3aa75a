import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SignUpInput } from "@/lib/schemas/user";
import { AppError } from "@/lib/server/kernel/errors";

/** A new candidate account with an argon2id hash; 409 naming `email` when the address is taken. */
export async function createAccount({ name, email, password }: SignUpInput) {
  try {
    return await db.user.create({
      data: { name, email, passwordHash: await hashPassword(password) },
      select: { id: true, name: true, email: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(409, "An account with this email already exists", "email");
    }
    throw error;
  }
}
