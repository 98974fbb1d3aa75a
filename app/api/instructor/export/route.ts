import { exportQuerySchema } from "@/lib/schemas/instructor";
import { exportQuestions } from "@/lib/server/instructor/export";
import { defineRoute } from "@/lib/server/kernel/route";

/** Downloads the bank as JSON, GIFT or Moodle XML: GET /api/instructor/export?format=json|gift|xml[&chapter=…][&status=…] */
export const GET = defineRoute({ auth: "instructor", query: exportQuerySchema }, async ({ actor, query }) => {
  const file = await exportQuestions(actor!, query);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-question-count": String(file.count),
      // Questions the format cannot hold are left out of the file; say how many, never silently.
      "x-questions-skipped": String(file.skipped.length),
    },
  });
});
