import { ROLES } from "@/lib/schemas/roles";
import type { Role } from "@/lib/schemas/user";

// What the browser reads from GET /api/auth/session (next-auth's session endpoint, shaped by lib/auth/options.ts),
// checked by hand rather than with zod: this runs in the site header on every page, and under Turbopack even
// zod/mini brought its whole core with it (a 23 kB gzipped chunk, 85 kB raw, fetched and evaluated on every page
// after it turned interactive). zod's own floor for this shape is 5 kB gzipped (esbuild, full tree shaking); this
// check is a few hundred bytes. tests/unit/schemas/session-view.test.ts holds it to the zod schema it replaces:
// the same answer on every input, valid, malformed and random.

export type SessionUser = { id: string; name: string; email: string; role: Role };
export type SessionView = { user?: SessionUser; databaseUnavailable?: boolean };

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
const isRole = (v: unknown): v is Role => (ROLES as readonly unknown[]).includes(v);

function userOf(v: Fields): SessionUser | null {
  const { id, name, email, role } = v;
  if (typeof id !== "string" || typeof name !== "string" || typeof email !== "string" || !isRole(role)) return null;
  return { id, name, email, role };
}

/**
 * The session as the header may use it, or null when the body is not that shape (then the header shows the
 * signed-out controls). Keys the endpoint adds beside these (next-auth's `expires`) are dropped, as zod drops them.
 */
export function parseSessionView(json: unknown): SessionView | null {
  if (!isObject(json)) return null;
  const view: SessionView = {};
  if (json.user !== undefined) {
    const user = isObject(json.user) ? userOf(json.user) : null;
    if (!user) return null;
    view.user = user;
  }
  if (json.databaseUnavailable !== undefined) {
    if (typeof json.databaseUnavailable !== "boolean") return null;
    view.databaseUnavailable = json.databaseUnavailable;
  }
  return view;
}
