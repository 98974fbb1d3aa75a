import { ROLES } from "@/lib/schemas/roles";
import type { Role } from "@/lib/schemas/user";

// What the browser reads from GET /api/auth/session (next-auth's session endpoint, shaped by lib/auth/options.ts),
// checked by hand rather than with zod: this runs in the site header on every page, and under Turbopack even
// zod/mini brought its whole core with it (a 23 kB gzipped chunk, 85 kB raw, fetched and evaluated on every page
// after it turned interactive). zod's own floor for this shape is 5 kB gzipped (esbuild, full tree shaking); this
// check is a few hundred bytes. tests/unit/schemas/session-view.test.ts holds it to a zod schema of the same
// shape: the same answer on every input, valid, malformed and random.

export type SessionUser = { id: string; name: string; email: string; role: Role };

type Fields = { [key: string]: unknown };
const isObject = (v: unknown): v is Fields => typeof v === "object" && v !== null;
const isRole = (v: unknown): v is Role => (ROLES as readonly unknown[]).includes(v);

/**
 * The signed-in user of a session body, or null for a signed-out one ({}) and for any body that is not a session.
 * Only `user` is read, as it is all the browser uses; keys beside it (next-auth's `expires`, the server's
 * `databaseUnavailable`) and beside the user's four fields are dropped.
 */
export function sessionUserOf(body: unknown): SessionUser | null {
  const user = isObject(body) ? body.user : undefined;
  if (!isObject(user)) return null;
  const { id, name, email, role } = user;
  const known = typeof id === "string" && typeof name === "string" && typeof email === "string";
  return known && isRole(role) ? { id, name, email, role } : null;
}
