import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { databaseUnavailable } from "@/lib/server/kernel/db-unavailable";
import { AppError } from "@/lib/server/kernel/errors";
import type { Role } from "@/lib/schemas/user";

/** The signed-in user as the session callback loaded them from the database for this request. */
export type Actor = { id: string; email: string; name: string; role: Role };

import { hasGrant, type Grant } from "@/lib/server/kernel/grants";
export { type Grant } from "@/lib/server/kernel/grants";

/**
 * The signed-in user, or null. The session callback in lib/auth/options.ts already loads the user's current
 * name and role from the database, so this reads the session once and the database once per request (React's
 * `cache` shares the answer between the layout, the page and any action in the same request).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if ((session as { databaseUnavailable?: boolean } | null)?.databaseUnavailable) throw databaseUnavailable();
  const user = session?.user as Partial<Actor> | undefined;
  if (!user?.id || !user.email || !user.role) return null;
  return { id: user.id, email: user.email, name: user.name ?? "", role: user.role as Role };
});

/** The one role check for actions and route handlers: 401 when signed out, 403 when the role is not enough. */
export function requireRole(actor: Actor | null, grant: Grant): Actor {
  if (!actor) throw new AppError(401, "Sign in to do that.");
  if (!hasGrant(actor, grant)) throw new AppError(403, "Your role does not allow that.");
  return actor;
}

/** The same check for pages, which answer with Next's 401 and 403 pages instead of an error envelope. */
export async function requirePageRole(grant: Grant): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  if (!hasGrant(actor, grant)) forbidden();
  return actor;
}
