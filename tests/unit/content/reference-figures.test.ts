import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Nodes, Root } from "mdast";
import { describe, expect, it } from "vitest";
import { loadChapters } from "@/lib/content/chapters";
import { splitFrontMatter } from "@/lib/content/front-matter";
import { loadGlossary } from "@/lib/content/glossary";
import { insertReferenceFigures, parseMarkdown, restoreUnknownDirectives } from "@/lib/content/markdown";
import {
  agreesWithTable,
  figureRangeMs,
  formatFigureRange,
  REFERENCE_FIGURES,
  statedFigures,
  statedFiguresInRow,
  type StatedFigure,
} from "@/lib/content/reference-figures";
import { referenceFiguresFileSchema } from "@/lib/schemas/reference-figures";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";

const ROOT = process.cwd();

/** Text a reader reads, without code: inline code would otherwise lend its numbers to nearby aliases. */
function prose(node: Nodes): string {
  if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return " ";
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(prose).join("");
  return "";
}

type Found = StatedFigure & { where: string };

/** Every figure a Markdown document states: sentences of paragraphs, headings and list items, and table rows. */
function figuresIn(markdown: string, where: string, lineOffset: number): Found[] {
  const found: Found[] = [];
  const walk = (node: Nodes) => {
    const at = `${where}:${(node.position?.start.line ?? 0) + lineOffset}`;
    if (node.type === "code" || node.type === "html") return;
    if (node.type === "table") {
      for (const row of node.children.slice(1)) {
        const [label, value] = row.children.map((cell) => prose(cell));
        if (label !== undefined && value !== undefined) {
          found.push(...statedFiguresInRow(label, value).map((s) => ({ ...s, where: `${where}:${(row.position?.start.line ?? 0) + lineOffset}` })));
        }
      }
      return;
    }
    if (node.type === "paragraph" || node.type === "heading") {
      found.push(...statedFigures(prose(node)).map((s) => ({ ...s, where: at })));
      return;
    }
    if ("children" in node) (node.children as Nodes[]).forEach(walk);
  };
  walk(parseMarkdown(markdown) as Root);
  return found;
}

function describeMismatch(s: Found): string {
  const figure = REFERENCE_FIGURES.find((f) => f.id === s.figureId)!;
  return `${s.where}: "${s.quote}" is outside "${figure.label}" (${formatFigureRange(figure)})`;
}

const chapterFiles = readdirSync(path.join(ROOT, "content/chapters")).filter((f) => f.endsWith(".md")).sort();

function chapterFigures(): Found[] {
  return chapterFiles.flatMap((file) => {
    const source = readFileSync(path.join(ROOT, "content/chapters", file), "utf8");
    const { body } = splitFrontMatter(source, file);
    const offset = source.split("\n").length - body.split("\n").length;
    return figuresIn(body, `content/chapters/${file}`, offset);
  });
}

describe("the reference-figure table", () => {
  it("parses, with unique ids and unambiguous aliases", () => {
    const raw: unknown = JSON.parse(readFileSync(path.join(ROOT, "content/reference-figures.json"), "utf8"));
    expect(referenceFiguresFileSchema.safeParse(raw).success).toBe(true);
    expect(REFERENCE_FIGURES.length).toBeGreaterThanOrEqual(20);
  });

  it("rejects an alias that names two figures and a range whose low exceeds its high", () => {
    const figure = { id: "a", group: "g", label: "A figure", aliases: ["same phrase"], low: 1, high: 2, unit: "ms", basis: "test" };
    const groups = [{ id: "g", label: "Group" }];
    expect(referenceFiguresFileSchema.safeParse({ groups, figures: [figure, { ...figure, id: "b" }] }).success).toBe(false);
    expect(referenceFiguresFileSchema.safeParse({ groups, figures: [{ ...figure, low: 3 }] }).success).toBe(false);
  });

  it("covers the round trips and latency numbers every estimate needs", () => {
    const ids = REFERENCE_FIGURES.map((f) => f.id);
    for (const id of ["rtt-same-zone", "rtt-cross-zone", "rtt-continent", "rtt-transatlantic", "rtt-transpacific", "dns-cache-miss", "disk-seek", "ssd-random-read", "memory-reference", "mutex"]) {
      expect(ids).toContain(id);
    }
  });

  it("puts round trips in the order physics does: zone < region < continent < half the globe", () => {
    const mid = (id: string) => {
      const r = figureRangeMs(id);
      return (r.lowMs + r.highMs) / 2;
    };
    expect(mid("rtt-same-zone")).toBeLessThan(mid("rtt-cross-zone"));
    expect(mid("rtt-cross-zone")).toBeLessThan(mid("rtt-user-same-region"));
    expect(mid("rtt-user-same-region")).toBeLessThan(mid("rtt-continent"));
    expect(mid("rtt-continent")).toBeLessThan(mid("rtt-half-globe"));
    expect(figureRangeMs("memory-reference").highMs).toBeLessThan(figureRangeMs("ssd-random-read").lowMs);
  });

  it("agrees with the evaluator's documented defaults", () => {
    const within = (id: string, value: number) => {
      const { lowMs, highMs } = figureRangeMs(id);
      return value >= lowMs && value <= highMs;
    };
    expect(within("rtt-same-zone", DEFAULTS.network.sameZoneRttMs)).toBe(true);
    expect(within("rtt-user-same-region", DEFAULTS.network.clientSameRegionRttMs)).toBe(true);
    expect(within("rtt-edge", DEFAULTS.network.edgePopRttMs)).toBe(true);
    expect(within("rtt-transatlantic", DEFAULTS.network.unknownInterRegionRttMs)).toBe(true);
    expect(within("dns-cache-miss", DEFAULTS.dns.lookupMs)).toBe(true);
    expect(within("postgres-indexed", DEFAULTS.database.queryMs)).toBe(true);
    expect(within("postgres-unindexed", DEFAULTS.database.unindexedQueryMs)).toBe(true);
    expect(within("redis-read", DEFAULTS.cache.latencyMs)).toBe(true);
  });
});

describe("finding stated figures", () => {
  it("attributes each number to the nearest alias in its sentence", () => {
    const found = statedFigures("Under 1 ms within one availability zone, around 80 ms across a continent and around 150 ms across an ocean.");
    expect(found.map((s) => [s.figureId, s.kind, s.highMs])).toEqual([
      ["rtt-same-zone", "upper", 1],
      ["rtt-continent", "value", 80],
      ["rtt-transatlantic", "value", 150],
    ]);
    expect(found.every(agreesWithTable)).toBe(true);
  });

  it("catches a figure outside the table, in prose and in a table row", () => {
    const prose = statedFigures("Across a continent the TCP handshake alone is 100–200 ms.");
    expect(prose).toHaveLength(1);
    expect(agreesWithTable(prose[0]!)).toBe(false);
    const row = statedFiguresInRow("DNS lookup, cache miss", "2–5 ms");
    expect(row).toHaveLength(1);
    expect(agreesWithTable(row[0]!)).toBe(false);
    expect(statedFigures("A main memory reference takes about 10 µs.").map(agreesWithTable)).toEqual([false]);
  });

  it("converts units and reads thousands separators", () => {
    expect(statedFigures("A main memory reference costs ~100 ns.").map(agreesWithTable)).toEqual([true]);
    expect(statedFigures("A sequential scan is the classic 100–1,000+ ms query.").map((s) => [s.lowMs, s.highMs])).toEqual([[100, 1000]]);
  });

  it("does not read arithmetic on a figure, or a number in another sentence, as the figure", () => {
    expect(statedFigures("A round trip across the Atlantic costs 70 ms, so 3 × 70 = 210 ms.").map((s) => s.highMs)).toEqual([70]);
    expect(statedFigures("We measured across the Atlantic. The query took 900 ms.")).toEqual([]);
  });
});

describe("figures the course states", () => {
  it("every chapter's stated figures fall inside the table's range for their label", () => {
    const found = chapterFigures();
    // The scan must actually find figures, or it would pass by reading nothing.
    expect(found.length).toBeGreaterThanOrEqual(15);
    expect(found.filter((s) => !agreesWithTable(s)).map(describeMismatch)).toEqual([]);
  });

  it("every glossary definition and the checklist agree with the table too", () => {
    const glossary = loadGlossary().flatMap((t) => figuresIn(t.definition, `${t.file}#${t.id}`, 0));
    const checklistSource = readFileSync(path.join(ROOT, "content/checklist.md"), "utf8");
    const checklist = figuresIn(splitFrontMatter(checklistSource, "content/checklist.md").body, "content/checklist.md", 0);
    expect(glossary.length).toBeGreaterThanOrEqual(2);
    expect([...glossary, ...checklist].filter((s) => !agreesWithTable(s)).map(describeMismatch)).toEqual([]);
  });

  it("the latency chapter's latency-numbers section is rendered from the table, not copied by hand", () => {
    const source = readFileSync(path.join(ROOT, "content/chapters/13-latency.md"), "utf8");
    expect(source).toMatch(/^::reference-figures$/m);
    const section = loadChapters().find((c) => c.slug === "latency")!.sections.find((s) => s.id === "latency-numbers")!;
    const html = section.parts.map((p) => (p.kind === "html" ? p.html : "")).join("");
    // Glossary links may wrap words inside a cell; compare the text a reader sees.
    const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/&#x26;/g, "&"));
    for (const figure of REFERENCE_FIGURES) {
      const row = cells.indexOf(figure.label);
      expect(row, figure.id).toBeGreaterThan(-1);
      expect(cells[row + 1], figure.id).toBe(formatFigureRange(figure));
    }
  });

  it("a chapter can show a subset: the TCP chapter lists round trips by distance from the same table", () => {
    const chapter = loadChapters().find((c) => c.slug === "tcp-connections")!;
    const html = chapter.sections.flatMap((s) => s.parts).map((p) => (p.kind === "html" ? p.html : "")).join("");
    const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
    for (const id of ["rtt-same-zone", "rtt-continent", "rtt-transatlantic", "rtt-transpacific", "rtt-half-globe"]) {
      const figure = REFERENCE_FIGURES.find((f) => f.id === id)!;
      expect(cells[cells.indexOf(figure.label) + 1], id).toBe(formatFigureRange(figure));
    }
  });

  it("a marker naming an unknown figure or group stops the build instead of rendering an empty table", () => {
    const render = (marker: string) => {
      const tree = parseMarkdown(`${marker}\n`);
      restoreUnknownDirectives(tree);
      insertReferenceFigures(tree);
      return tree.children[0]?.type;
    };
    expect(render("::reference-figures")).toBe("table");
    expect(() => render('::reference-figures{ids="rtt-nowhere"}')).toThrow(/unknown figure/);
    expect(() => render('::reference-figures{group="nowhere"}')).toThrow(/unknown group/);
  });

  it("the glossary points readers at the table", () => {
    const term = loadGlossary().find((t) => t.id === "latency-numbers");
    expect(term?.see).toBe("/learn/latency#latency-numbers");
  });
});
