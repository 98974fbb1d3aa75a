import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import type { Role } from "@/lib/schemas/user";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user as the database knows them now, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
});

// The role rules live in ./grants (no Next imports, so scripts such as the questions CLI can check roles too).
import { hasGrant, type Grant } from "./grants";
export { ROLE_GRANTS, hasGrant, type Grant } from "./grants";

/** For pages: 401 page when signed out, 403 page when the role is not enough. */
export async function requireGrant(grant: Grant): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) unauthorized();
  if (!hasGrant(user, grant)) forbidden();
  return user;
}
