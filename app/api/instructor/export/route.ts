import { getCurrentUser, hasGrant } from "@/lib/auth/session";
import { exportQuerySchema } from "@/lib/schemas/instructor";
import { exportQuestions } from "@/lib/server/instructor/export";
import { jsonError, zodFieldErrors } from "@/lib/server/http";

/** Downloads the bank as JSON or GIFT: GET /api/instructor/export?format=json|gift[&chapter=…][&status=…] */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to export questions.");
  if (!hasGrant(user, "instructor")) return jsonError(403, "Only instructors and admins can export questions.");
  const params = Object.fromEntries([...new URL(request.url).searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = exportQuerySchema.safeParse(params);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    return jsonError(400, errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  }
  const file = await exportQuestions(user, parsed.data);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-question-count": String(file.count),
    },
  });
}
