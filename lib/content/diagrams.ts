// Shared by the chapter renderer, the unit tests and scripts/render-diagrams.ts (so no "server-only" here).
import { createHash } from "node:crypto";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import type { Code } from "mdast";

export type MermaidBlock = { source: string; hash: string; alt: string | null; line: number };

const ALT_LINE = /^\s*%%\s*alt:\s*(.+?)\s*$/;

/** The file name of a diagram is derived from its source, so an edited diagram can never show a stale picture. */
export function diagramHash(source: string): string {
  return createHash("sha256").update(source.trim()).digest("hex").slice(0, 12);
}

export function diagramAlt(source: string): string | null {
  const first = source.trim().split("\n")[0] ?? "";
  return ALT_LINE.exec(first)?.[1] ?? null;
}

export function diagramPublicPath(hash: string): string {
  return `/diagrams/${hash}.svg`;
}

/** Parses with the same Markdown dialect as the pages, so the script renders exactly the blocks the pages show. */
export function findMermaidBlocks(markdown: string): MermaidBlock[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).parse(markdown);
  const blocks: MermaidBlock[] = [];
  visit(tree, "code", (node: Code) => {
    if (node.lang !== "mermaid") return;
    blocks.push({ source: node.value, hash: diagramHash(node.value), alt: diagramAlt(node.value), line: node.position?.start.line ?? 0 });
  });
  return blocks;
}

/** Intrinsic size of a rendered SVG, so the page reserves its space and nothing shifts when it loads. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const viewBox = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!viewBox?.[1] || !viewBox[2]) return null;
  return { width: Math.round(Number(viewBox[1])), height: Math.round(Number(viewBox[2])) };
}
