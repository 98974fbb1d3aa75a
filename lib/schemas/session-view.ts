import * as z from "zod/mini";
import { ROLES } from "@/lib/schemas/roles";

// What the browser reads from GET /api/auth/session (next-auth's session endpoint, shaped by lib/auth/options.ts).
// zod/mini, not zod: this schema ships in the site header on every page, where full zod would add ~15 kB gzipped.
export const sessionViewSchema = z.object({
  user: z.optional(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
  databaseUnavailable: z.optional(z.boolean()),
});

export type SessionView = z.infer<typeof sessionViewSchema>;
export type SessionUser = NonNullable<SessionView["user"]>;
