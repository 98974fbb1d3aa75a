import type { Element, Root } from "hast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

// The one pipeline for markdown that users write (question prompts and explanations, problem briefs, the
// instructor's live preview). It runs on the server and in the browser, so it stays pure.
//
// Two layers: rehype-sanitize drops every element, attribute and URL scheme outside an allow-list (GitHub's
// schema narrowed to http, https and mailto links); then every surviving URL is parsed the way the browser
// will parse it (WHATWG URL), which catches what a string check can miss. Images load only from our own
// origin, so a prompt cannot make a reader's browser call another host.

const LINK_PROTOCOLS = ["http", "https", "mailto"];
const URL_PROPERTIES = ["href", "src", "cite", "longDesc"] as const;

const schema: SanitizeSchema = {
  ...defaultSchema,
  protocols: { href: LINK_PROTOCOLS, cite: ["http", "https"], longDesc: ["http", "https"], src: ["http", "https"] },
};

// A base that cannot be a real host: relative URLs resolve against it, so "same origin" means "relative".
const BASE = new URL("https://roundtrip.invalid/");
const ALLOWED_SCHEMES = new Set(LINK_PROTOCOLS.map((p) => `${p}:`));

/** How a URL written by a user may be used: a link target anywhere (http, https, mailto), or same-origin only. */
export function classifyUrl(value: string): "same-origin" | "external" | "refused" {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "refused";
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return "refused";
  return url.origin === BASE.origin ? "same-origin" : "external";
}

function rehypeCheckUrls() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      for (const key of URL_PROPERTIES) {
        const value = node.properties[key];
        if (value === undefined || value === null) continue;
        const verdict = classifyUrl(String(value));
        if (verdict === "refused") delete node.properties[key];
        if (node.tagName === "img" && key === "src" && verdict !== "same-origin") delete node.properties.src;
      }
      if (node.tagName === "img" && node.properties.src === undefined && parent && index !== undefined) {
        // An image we will not load is shown as its alt text, so the reader still sees what the author meant.
        const alt = typeof node.properties.alt === "string" ? node.properties.alt : "";
        parent.children.splice(index, 1, { type: "text", value: alt ? `[image: ${alt}]` : "" });
        return index;
      }
      if (node.tagName === "a" && typeof node.properties.href === "string" && classifyUrl(node.properties.href) === "external") {
        node.properties.rel = ["nofollow", "noopener", "noreferrer"];
      }
      return undefined;
    });
  };
}

// remark-rehype without allowDangerousHtml already drops raw HTML; the sanitizer is the guarantee, not that default.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeCheckUrls)
  .use(rehypeStringify);

/** User-authored markdown to HTML that is safe to inject: no script, no event handlers, no foreign images. */
export function renderUserMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
