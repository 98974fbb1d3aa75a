// The account roles, apart from their zod schema (lib/schemas/user.ts) so browser code can name them without
// pulling the whole of zod into every page.
export const ROLES = ["CANDIDATE", "INSTRUCTOR", "ADMIN"] as const;
