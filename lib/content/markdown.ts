// The Markdown dialect of content/: GFM, `{#id}` heading anchors, directives for asides and widgets, mermaid
// diagrams pre-rendered to SVG, and glossary terms linked at their first mention. Runs at build time only.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Heading as MdHeading, Nodes, Parent, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import rehypeStringify from "rehype-stringify";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { diagramAlt, diagramHash, diagramPublicPath, svgSize } from "./diagrams";
import { formatFigureRange, REFERENCE_FIGURE_GROUPS, REFERENCE_FIGURES } from "./reference-figures";
import type { ContentPart, Heading } from "./types";

export const KNOWN_CONTAINERS = { interview: "In the interview", example: "Worked example", note: "Note" } as const;
/** Block markers that stand for generated content: a widget slot, or the table of reference figures. */
const KNOWN_LEAVES = new Set(["widget", "reference-figures"]);
const HEADING_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

export function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).use(remarkDirective).parse(markdown);
}

/** Plain text of a node (code blocks included), for headings and search. */
export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string" && node.type !== "html") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

/** Words a reader reads: prose, tables and asides, not code or diagrams. */
export function proseWords(nodes: readonly Nodes[]): number {
  let words = 0;
  const walk = (node: Nodes) => {
    if (node.type === "code" || node.type === "html") return;
    if (node.type === "text" || node.type === "inlineCode") words += node.value.split(/\s+/).filter(Boolean).length;
    if ("children" in node) (node.children as Nodes[]).forEach(walk);
  };
  nodes.forEach(walk);
  return words;
}

function textDirectiveSource(node: TextDirective): string {
  const label = node.children.length > 0 ? `[${node.children.map((c) => plainText(c)).join("")}]` : "";
  const attributes = Object.entries(node.attributes ?? {});
  const attrs = attributes.length > 0 ? `{${attributes.map(([k, v]) => `${k}="${v ?? ""}"`).join(" ")}}` : "";
  return `:${node.name}${label}${attrs}`;
}

/**
 * remark-directive reads any `:word` as a directive, so ratios such as "3:1:1:1" come out as directives named "1".
 * Only our own directive names are directives; everything else goes back to the text it was.
 */
export function restoreUnknownDirectives(tree: Root): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if (child.type === "textDirective") return [{ type: "text", value: textDirectiveSource(child) }];
      if (child.type === "leafDirective" && !KNOWN_LEAVES.has(child.name)) {
        return [{ type: "paragraph", children: [{ type: "text", value: `::${child.name}` }, ...child.children] }];
      }
      if (child.type === "containerDirective" && !(child.name in KNOWN_CONTAINERS)) {
        throw new Error(`Unknown block directive ":::${child.name}" at line ${child.position?.start.line ?? "?"}`);
      }
      if ("children" in child) walk(child as Parent);
      return [child];
    });
    // Merge the restored text back into its neighbours so glossary matching sees whole phrases.
    const merged: RootContent[] = [];
    for (const child of parent.children) {
      const last = merged[merged.length - 1];
      if (child.type === "text" && last?.type === "text") last.value += child.value;
      else merged.push(child);
    }
    parent.children = merged;
  };
  walk(tree);
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-");
}

/** Takes `{#id}` off headings and makes it their anchor; headings without one get a unique slug. */
export function assignHeadingIds(tree: Root, where: string): Heading[] {
  const headings: Heading[] = [];
  const used = new Set<string>();
  const pending: { node: MdHeading; text: string }[] = [];
  for (const node of tree.children) collectHeadings(node, (heading) => {
    const last = heading.children[heading.children.length - 1];
    let explicit: string | undefined;
    if (last?.type === "text") {
      const match = HEADING_ID.exec(last.value);
      if (match) {
        explicit = match[1];
        last.value = last.value.slice(0, match.index);
        if (last.value === "") heading.children.pop();
      }
    }
    const text = plainText(heading).trim();
    if (explicit) {
      if (used.has(explicit)) throw new Error(`${where}: heading id "${explicit}" is used twice`);
      used.add(explicit);
      setId(heading, explicit);
      headings.push({ id: explicit, depth: heading.depth, text });
    } else {
      pending.push({ node: heading, text });
      headings.push({ id: "", depth: heading.depth, text });
    }
  });
  // Explicit ids win; generated ones step around them.
  let p = 0;
  for (const h of headings) {
    if (h.id !== "") continue;
    const item = pending[p++];
    if (!item) break;
    const base = slugify(item.text) || "section";
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    setId(item.node, id);
    h.id = id;
  }
  return headings;
}

function collectHeadings(node: RootContent, found: (h: MdHeading) => void) {
  if (node.type === "heading") found(node);
  else if ("children" in node) for (const child of node.children as RootContent[]) collectHeadings(child, found);
}

function setId(node: MdHeading, id: string) {
  node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
}

export function headingId(node: MdHeading): string {
  const id = node.data?.hProperties?.id;
  return typeof id === "string" ? id : "";
}

function element(tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

/** Fenced mermaid blocks become figures pointing at the SVG rendered by `npm run diagrams`. */
export function replaceDiagrams(tree: Root, publicDir: string): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((child): RootContent => {
      if (child.type === "code" && child.lang === "mermaid") {
        const hash = diagramHash(child.value);
        const alt = diagramAlt(child.value) ?? "Diagram";
        const file = path.join(publicDir, "diagrams", `${hash}.svg`);
        const figureChildren: ElementContent[] = [];
        if (existsSync(file)) {
          const size = svgSize(readFileSync(file, "utf8"));
          figureChildren.push(
            element("img", {
              src: diagramPublicPath(hash),
              alt,
              loading: "lazy",
              decoding: "async",
              ...(size ? { width: size.width, height: size.height } : {}),
            }),
          );
        } else {
          // Without the picture the description still carries the content.
          figureChildren.push(element("p", { className: ["diagram-text"] }, [{ type: "text", value: alt }]));
        }
        return {
          type: "paragraph",
          children: [],
          data: { hName: "figure", hProperties: { className: ["diagram"], dataDiagram: hash }, hChildren: figureChildren },
        };
      }
      if ("children" in child) walk(child as Parent);
      return child;
    });
  };
  walk(tree);
}

function tableCell(text: string): TableCell {
  return { type: "tableCell", children: [{ type: "text", value: text }] };
}

/** The rows a `::reference-figures` marker asks for: all, one `group`, or a comma-separated list of `ids`. */
function selectFigures(attributes: LeafDirective["attributes"], line: number | undefined) {
  const where = `::reference-figures at line ${line ?? "?"}`;
  const ids = attributes?.ids?.split(",").map((id) => id.trim()).filter(Boolean);
  const group = attributes?.group ?? undefined;
  if (ids) {
    return ids.map((id) => {
      const figure = REFERENCE_FIGURES.find((f) => f.id === id);
      if (!figure) throw new Error(`${where}: unknown figure "${id}"`);
      return figure;
    });
  }
  if (group !== undefined && !REFERENCE_FIGURE_GROUPS.some((g) => g.id === group)) throw new Error(`${where}: unknown group "${group}"`);
  const order = new Map(REFERENCE_FIGURE_GROUPS.map((g, i) => [g.id, i]));
  return REFERENCE_FIGURES.filter((f) => group === undefined || f.group === group).sort(
    (a, b) => (order.get(a.group) ?? 0) - (order.get(b.group) ?? 0),
  );
}

/**
 * `::reference-figures` becomes a table drawn from content/reference-figures.json, so a chapter shows exactly the
 * numbers the tests, widgets and evaluator use. A "Where" column appears when the rows span several groups.
 */
export function insertReferenceFigures(tree: Root): void {
  const groupLabel = new Map(REFERENCE_FIGURE_GROUPS.map((g) => [g.id, g.label]));
  const tableFor = (node: LeafDirective): Table => {
    const figures = selectFigures(node.attributes, node.position?.start.line);
    const grouped = new Set(figures.map((f) => f.group)).size > 1;
    const row = (cells: string[]): TableRow => ({ type: "tableRow", children: cells.map(tableCell) });
    return {
      type: "table",
      align: grouped ? ["left", "left", "right"] : ["left", "right"],
      children: [
        row(grouped ? ["Where", "Operation", "Typical range"] : ["Operation", "Typical range"]),
        ...figures.map((f) =>
          row(grouped ? [groupLabel.get(f.group) ?? f.group, f.label, formatFigureRange(f)] : [f.label, formatFigureRange(f)]),
        ),
      ],
    };
  };
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((child): RootContent => {
      if (child.type === "leafDirective" && child.name === "reference-figures") return tableFor(child);
      if ("children" in child) walk(child as Parent);
      return child;
    });
  };
  walk(tree);
}

/** `:::interview`, `:::example{title=…}` and `:::note` become labelled asides. */
export function styleContainers(tree: Root): void {
  const walk = (parent: Parent) => {
    for (const child of parent.children) {
      if (child.type === "containerDirective") {
        const node = child as ContainerDirective;
        const kind = node.name as keyof typeof KNOWN_CONTAINERS;
        const title = kind === "example" && node.attributes?.title ? `${KNOWN_CONTAINERS.example}: ${node.attributes.title}` : KNOWN_CONTAINERS[kind];
        node.data = { hName: "div", hProperties: { className: ["callout", `callout-${kind}`], role: "note", ariaLabel: title } };
        node.children.unshift({
          type: "paragraph",
          data: { hProperties: { className: ["callout-title"] } },
          children: [{ type: "text", value: title }],
        });
      }
      if ("children" in child) walk(child as Parent);
    }
  };
  walk(tree);
}

export type GlossaryMatcher = { pattern: RegExp; termFor: Map<string, string> };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function buildGlossaryMatcher(terms: readonly { id: string; aliases: readonly string[] }[]): GlossaryMatcher {
  const termFor = new Map<string, string>();
  for (const term of terms) for (const alias of term.aliases) if (!termFor.has(alias.toLowerCase())) termFor.set(alias.toLowerCase(), term.id);
  const aliases = [...termFor.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Whole words: no letter, digit, underscore or hyphen on either side ("SYN" must not match inside "SYN-ACK").
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${aliases.join("|") || "(?!)"})(?![\\p{L}\\p{N}_-])`, "giu");
  return { pattern, termFor };
}

const NO_LINKS_INSIDE = new Set(["heading", "link", "linkReference", "code", "inlineCode", "html", "leafDirective", "definition"]);

/** Links the first mention of each glossary term in a document, never inside headings, links or code. */
export function linkGlossaryTerms(tree: Root, matcher: GlossaryMatcher, linked = new Set<string>()): Set<string> {
  const split = (text: Text): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    let last = 0;
    matcher.pattern.lastIndex = 0;
    for (const match of text.value.matchAll(matcher.pattern)) {
      const id = matcher.termFor.get(match[0].toLowerCase());
      if (!id || linked.has(id)) continue;
      linked.add(id);
      if (match.index > last) out.push({ type: "text", value: text.value.slice(last, match.index) });
      out.push({
        type: "link",
        url: `/learn/glossary#${id}`,
        children: [{ type: "text", value: match[0] }],
        data: { hProperties: { className: ["glossary-link"] } },
      });
      last = match.index + match[0].length;
    }
    if (out.length === 0) return [text];
    if (last < text.value.length) out.push({ type: "text", value: text.value.slice(last) });
    return out;
  };
  const walk = (parent: Parent) => {
    parent.children = parent.children.flatMap((child) => {
      if (NO_LINKS_INSIDE.has(child.type)) return [child];
      if (child.type === "text") return split(child) as RootContent[];
      if ("children" in child) walk(child as Parent);
      return [child];
    });
  };
  walk(tree);
  return linked;
}

function hastText(node: HastContent | HastRoot): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return (node.children as HastContent[]).map(hastText).join("");
  return "";
}

/** Wide tables and code scroll inside their own box; the box takes focus so keyboard users can scroll it too. */
function rehypeScrollables() {
  return (tree: HastRoot) => {
    const walk = (parent: HastRoot | Element) => {
      parent.children = parent.children.map((child) => {
        if (child.type !== "element") return child;
        if (child.tagName === "table") {
          const headerRow = child.children.find((c): c is Element => c.type === "element" && c.tagName === "thead");
          const label = headerRow ? hastText(headerRow).replace(/\s+/g, " ").trim().slice(0, 80) : "";
          return element("div", { className: ["table-wrap"], tabIndex: 0, role: "region", ariaLabel: `Table: ${label || "data"}` }, [child]);
        }
        if (child.tagName === "pre") {
          child.properties = { ...child.properties, tabIndex: 0 };
          const code = child.children[0];
          const lang = code?.type === "element" ? (code.properties.className as string[] | undefined)?.[0]?.replace(/^language-/, "") : undefined;
          if (lang) child.properties.dataLang = lang;
          return child;
        }
        walk(child);
        return child;
      }) as typeof parent.children;
    };
    walk(tree);
  };
}

const toHtmlProcessor = unified().use(remarkRehype).use(rehypeScrollables).use(rehypeStringify);

export function renderNodes(nodes: RootContent[]): string {
  const root: Root = { type: "root", children: nodes };
  return toHtmlProcessor.stringify(toHtmlProcessor.runSync(root) as HastRoot);
}

/** Inline HTML of a heading's content (without the heading element). */
export function renderInline(nodes: PhrasingContent[]): string {
  const html = renderNodes([{ type: "paragraph", children: nodes }]);
  return html.replace(/^<p>/, "").replace(/<\/p>$/, "");
}

/** Splits a run of top-level nodes at widget markers into HTML parts and widget slots. */
export function renderParts(nodes: RootContent[], widgets: string[]): ContentPart[] {
  const parts: ContentPart[] = [];
  let run: RootContent[] = [];
  const flush = () => {
    if (run.length > 0) parts.push({ kind: "html", html: renderNodes(run) });
    run = [];
  };
  for (const node of nodes) {
    if (node.type === "leafDirective" && (node as LeafDirective).name === "widget") {
      const id = (node as LeafDirective).attributes?.id;
      if (!id) throw new Error(`::widget without an id at line ${node.position?.start.line ?? "?"}`);
      flush();
      parts.push({ kind: "widget", id });
      widgets.push(id);
    } else {
      run.push(node);
    }
  }
  flush();
  return parts;
}
