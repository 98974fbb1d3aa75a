import { exportProblemsQuerySchema } from "@/lib/schemas/problem-authoring";
import { defineRoute } from "@/lib/server/kernel/route";
import { exportProblems } from "@/lib/server/problems/authoring";

/** Downloads problems as JSON (docs/problem-json.md): GET /instructor/problems/export[?slug=…]. Latest versions, drafts included. */
export const GET = defineRoute({ auth: "instructor", query: exportProblemsQuerySchema }, async ({ actor, query }) => {
  const problems = await exportProblems(actor!, query.slug);
  if (query.slug && problems.length === 0) return Response.json({ error: "No such problem." }, { status: 404 });
  return new Response(`${JSON.stringify(problems, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${query.slug ?? "problems"}.json"`,
      "cache-control": "no-store",
      "x-problem-count": String(problems.length),
    },
  });
});
