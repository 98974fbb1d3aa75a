import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

/**
 * The user id from the session cookie, decoded locally. The submit endpoint is the hot path, so it skips the
 * database lookups getCurrentUser does (every role may submit); a deleted user is refused by the foreign key
 * when the attempt is inserted.
 */
export async function sessionUserId(request: NextRequest): Promise<string | null> {
  const token = await getToken({ req: request, secret: env().NEXTAUTH_SECRET });
  return typeof token?.sub === "string" && token.sub.length > 0 ? token.sub : null;
}
