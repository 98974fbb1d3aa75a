import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { problemFileSchema } from "@/lib/schemas/problem-authoring";
import { problemJsonSchema } from "@/lib/schemas/problem-json-schema";

const ROOT = new URL("../../../", import.meta.url).pathname;
type Node = { properties: Record<string, { $ref?: string; required?: string[] }>; required: string[] };

describe("public/schemas/problem-v1.json", () => {
  it("equals the schema generated from zod (run `npm run schema:problem` when this fails)", () => {
    const committed = readFileSync(`${ROOT}public/schemas/problem-v1.json`, "utf8");
    expect(committed).toBe(`${JSON.stringify(problemJsonSchema(), null, 2)}\n`);
  });

  it("describes every field a problem file has, with the designs pointing at the design format's schema", () => {
    const items = (problemJsonSchema() as { items: Node }).items;
    const file = JSON.parse(readFileSync(`${ROOT}content/problems/url-shortener.json`, "utf8")) as Record<string, unknown>;
    // `rubric` is optional (no seeded problem sets one), so the file lacks it and the schema does not require it.
    expect(Object.keys(items.properties).sort()).toEqual([...Object.keys(file), "rubric"].sort());
    expect(JSON.stringify(items.properties.rubric)).toContain("edge-tls");
    expect(items.required.sort()).toEqual(Object.keys(file).sort());
    expect(items.properties.reference?.$ref).toBe("https://roundtrip.dev/schemas/design-v2.json");
    expect(JSON.stringify(items.properties.followUps)).toContain("slow-dependency");
  });

  it("the content files, put in one array, are a valid export file", () => {
    const files = readdirSync(`${ROOT}content/problems`).filter((f) => f.endsWith(".json"));
    const parsed = problemFileSchema.safeParse(files.map((f) => JSON.parse(readFileSync(`${ROOT}content/problems/${f}`, "utf8")) as unknown));
    expect(parsed.success, parsed.error?.issues[0]?.message).toBe(true);
  });
});
