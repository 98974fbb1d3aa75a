import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// The same pipeline as lib/server/quiz/markdown.ts, run in the browser so the live preview renders a prompt
// exactly as the quiz will. remark-rehype drops raw HTML, so the output is safe to inject.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

export function renderMarkdownPreview(markdown: string): string {
  return String(processor.processSync(markdown));
}
