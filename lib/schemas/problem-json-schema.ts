import { z } from "zod";
import { problemFileSchema } from "@/lib/schemas/problem-authoring";

export const PROBLEM_SCHEMA_ID = "https://roundtrip.dev/schemas/problem-v1.json";
const DESIGN_SCHEMA_ID = "https://roundtrip.dev/schemas/design-v2.json";

/**
 * JSON Schema (draft 2020-12) of the problem export/import file (docs/problem-json.md), generated from the zod
 * schema. The starter and reference designs point at the design format's own schema; the cross-field rules the
 * zod schema checks in code (client shares add up to 1, designs carry the problem's scenario, unique keys, chapter
 * links that exist) cannot be said in JSON Schema and are listed in the docs. Pure: no file access.
 */
export function problemJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(problemFileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const items = schema.items as { properties?: Record<string, unknown> } | undefined;
  if (items?.properties) {
    items.properties.starter = { $ref: DESIGN_SCHEMA_ID, description: "The candidate's starting canvas (design format v1 or v2)." };
    items.properties.reference = { $ref: DESIGN_SCHEMA_ID, description: "The reference design (design format v1 or v2); never shown to a candidate before their interview ends." };
  }
  return {
    $schema: schema.$schema,
    $id: PROBLEM_SCHEMA_ID,
    title: "Roundtrip practice problems, export/import file, version 1",
    ...schema,
  };
}
