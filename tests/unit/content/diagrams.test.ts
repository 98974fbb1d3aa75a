import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diagramHash, findMermaidBlocks, svgSize } from "@/lib/content/diagrams";

const ROOT = process.cwd();

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith(".md") ? [full] : [];
  });
}

const blocks = markdownFiles(path.join(ROOT, "content")).flatMap((file) =>
  findMermaidBlocks(readFileSync(file, "utf8")).map((b) => ({ ...b, where: `${path.relative(ROOT, file)}:${b.line}` })),
);

describe("diagrams", () => {
  it("the content has diagrams to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(14);
  });

  it("every mermaid block starts with a full-sentence %% alt: line", () => {
    const missing = blocks.filter((b) => !b.alt || b.alt.split(/\s+/).length < 6).map((b) => b.where);
    expect(missing).toEqual([]);
  });

  it("every mermaid block has its SVG in public/diagrams (run `npm run diagrams` after editing one)", () => {
    const stale = blocks.filter((b) => !existsSync(path.join(ROOT, "public/diagrams", `${b.hash}.svg`))).map((b) => b.where);
    expect(stale).toEqual([]);
  });

  it("every SVG is a real drawing with a size, and none is left over from an edited diagram", () => {
    const hashes = new Set(blocks.map((b) => b.hash));
    const dir = path.join(ROOT, "public/diagrams");
    for (const name of readdirSync(dir)) {
      expect(hashes.has(name.replace(/\.svg$/, "")), `orphan ${name}`).toBe(true);
      const svg = readFileSync(path.join(dir, name), "utf8");
      expect(svg.startsWith("<svg"), name).toBe(true);
      expect(svg).not.toContain("Syntax error");
      expect(svgSize(svg), name).not.toBeNull();
    }
  });

  it("the file name changes when the source changes", () => {
    expect(diagramHash("flowchart LR\n A-->B")).not.toBe(diagramHash("flowchart LR\n A-->C"));
    expect(diagramHash("x\n")).toBe(diagramHash("x"));
  });
});
