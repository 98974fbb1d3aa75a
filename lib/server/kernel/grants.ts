// Role rules, with no Next or database imports so command-line tools (scripts/questions.ts) check roles by the
// same rule as the app; lib/server/kernel/auth.ts re-exports them.
import type { Role } from "@/lib/schemas/user";

/** Which roles may do what: the single place role rules live. */
export const ROLE_GRANTS = {
  instructor: ["INSTRUCTOR", "ADMIN"],
  admin: ["ADMIN"],
  candidate: ["CANDIDATE", "INSTRUCTOR", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;
export type Grant = keyof typeof ROLE_GRANTS;

export function hasGrant(user: { role: Role } | null, grant: Grant): boolean {
  return user !== null && (ROLE_GRANTS[grant] as readonly Role[]).includes(user.role);
}
