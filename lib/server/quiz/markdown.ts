import "server-only";
import { renderUserMarkdown } from "@/lib/markdown/user-markdown";

const cache = new Map<string, string>();

/** Markdown (prompts, explanations, briefs) to sanitized HTML; memoised because the same few hundred texts repeat. */
export function renderMarkdown(markdown: string): string {
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  const html = renderUserMarkdown(markdown);
  if (cache.size > 2_000) cache.clear();
  cache.set(markdown, html);
  return html;
}
