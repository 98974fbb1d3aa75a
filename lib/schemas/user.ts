import { z } from "zod";
import { ROLES } from "@/lib/schemas/roles";

export { ROLES };

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .string({ message: "Enter your email address" })
  .trim()
  .toLowerCase()
  .max(254, { message: "That email address is too long" })
  .email({ message: "Enter a valid email address, like name@example.com" });

export const passwordSchema = z
  .string({ message: "Enter a password" })
  .min(10, { message: "Use at least 10 characters for your password" })
  .max(200, { message: "Use at most 200 characters for your password" });

export const signUpSchema = z.object({
  name: z.string({ message: "Enter your name" }).trim().min(1, { message: "Enter your name" }).max(100, { message: "Use at most 100 characters for your name" }),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Enter your password" }).max(200),
});

export const setRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: roleSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: "Enter your current password" }).min(1, { message: "Enter your current password" }).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
