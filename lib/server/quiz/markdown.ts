import "server-only";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// remark-rehype drops raw HTML unless told otherwise, so the output is safe to inject even if an
// instructor-authored prompt contains markup.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

const cache = new Map<string, string>();

/** Markdown (prompts, explanations) to HTML; memoised because the same few hundred texts repeat. */
export function renderMarkdown(markdown: string): string {
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  const html = String(processor.processSync(markdown));
  if (cache.size > 2_000) cache.clear();
  cache.set(markdown, html);
  return html;
}
