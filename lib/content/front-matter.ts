import { parse as parseYaml } from "yaml";
import { z } from "zod";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export const chapterFrontMatterSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  number: z.number().int().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  objectives: z.array(z.string().min(1)).min(1),
});

export const pageFrontMatterSchema = z.object({
  slug: z.string().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
});

export function splitFrontMatter(source: string, file: string): { data: unknown; body: string } {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new Error(`${file}: missing YAML front matter`);
  return { data: parseYaml(match[1] ?? ""), body: source.slice(match[0].length) };
}

export function parseFrontMatter<S extends z.ZodType>(source: string, file: string, schema: S): { data: z.infer<S>; body: string } {
  const { data, body } = splitFrontMatter(source, file);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: front matter field "${issue?.path.join(".") ?? "?"}": ${issue?.message ?? "invalid"}`);
  }
  return { data: parsed.data, body };
}
