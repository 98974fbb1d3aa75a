import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RootContent } from "mdast";
import { chapterFrontMatterSchema, pageFrontMatterSchema, parseFrontMatter } from "./front-matter";
import { loadGlossary } from "./glossary";
import {
  assignHeadingIds,
  buildGlossaryMatcher,
  headingId,
  insertReferenceFigures,
  linkGlossaryTerms,
  parseMarkdown,
  plainText,
  proseWords,
  renderInline,
  renderParts,
  replaceDiagrams,
  restoreUnknownDirectives,
  styleContainers,
  type GlossaryMatcher,
} from "./markdown";
import { CONTENT_DIR, PUBLIC_DIR } from "./paths";
import type { Chapter, ContentPart, Section } from "./types";

export const WORDS_PER_MINUTE = 230;
const UNTRACKED_SECTIONS = new Set(["summary", "further-reading"]);

type RenderedDocument = { intro: ContentPart[]; sections: Section[]; words: number; widgets: string[]; anchors: string[] };

/** Renders a document body into an intro and its `##` sections, each a list of HTML runs and widget slots. */
export function renderDocument(body: string, where: string, matcher: GlossaryMatcher | null): RenderedDocument {
  const tree = parseMarkdown(body);
  restoreUnknownDirectives(tree);
  const headings = assignHeadingIds(tree, where);
  replaceDiagrams(tree, PUBLIC_DIR);
  insertReferenceFigures(tree);
  styleContainers(tree);
  if (matcher) linkGlossaryTerms(tree, matcher);

  const widgets: string[] = [];
  const introNodes: RootContent[] = [];
  const groups: { heading: Extract<RootContent, { type: "heading" }>; nodes: RootContent[] }[] = [];
  for (const node of tree.children) {
    if (node.type === "heading" && node.depth === 2) groups.push({ heading: node, nodes: [] });
    else if (groups.length > 0) groups[groups.length - 1]?.nodes.push(node);
    else introNodes.push(node);
  }
  const sections: Section[] = groups.map(({ heading, nodes }) => {
    const id = headingId(heading);
    const start = headings.findIndex((h) => h.id === id);
    const next = headings.findIndex((h, i) => i > start && h.depth <= 2);
    return {
      id,
      title: plainText(heading).trim(),
      titleHtml: renderInline(heading.children),
      parts: renderParts(nodes, widgets),
      subsections: headings.slice(start + 1, next === -1 ? undefined : next).filter((h) => h.depth === 3),
      words: proseWords([heading, ...nodes]),
      text: nodes.map((n) => plainText(n)).join(" ").replace(/\s+/g, " ").trim(),
      trackable: !UNTRACKED_SECTIONS.has(id),
    };
  });
  return {
    intro: renderParts(introNodes, widgets),
    sections,
    words: proseWords(tree.children),
    widgets,
    anchors: headings.map((h) => h.id),
  };
}

let cachedChapters: Chapter[] | undefined;
let cachedMatcher: GlossaryMatcher | undefined;

export function glossaryMatcher(): GlossaryMatcher {
  cachedMatcher ??= buildGlossaryMatcher(loadGlossary());
  return cachedMatcher;
}

export function loadChapter(file: string): Chapter {
  const source = readFileSync(path.join(CONTENT_DIR, "chapters", file), "utf8");
  const where = `content/chapters/${file}`;
  const { data, body } = parseFrontMatter(source, where, chapterFrontMatterSchema);
  const doc = renderDocument(body, where, glossaryMatcher());
  return {
    ...data,
    file: where,
    intro: doc.intro,
    sections: doc.sections,
    words: doc.words,
    readingMinutes: Math.max(1, Math.round(doc.words / WORDS_PER_MINUTE)),
    widgets: doc.widgets,
    anchors: doc.anchors,
  };
}

/** All chapters in course order. Parsed once per process: at build time for the static pages. */
export function loadChapters(): Chapter[] {
  if (cachedChapters) return cachedChapters;
  const files = readdirSync(path.join(CONTENT_DIR, "chapters")).filter((f) => /^\d+-.+\.md$/.test(f)).sort();
  const chapters = files.map(loadChapter).sort((a, b) => a.number - b.number);
  const slugs = new Set<string>();
  for (const chapter of chapters) {
    if (slugs.has(chapter.slug)) throw new Error(`Two chapters use the slug "${chapter.slug}"`);
    slugs.add(chapter.slug);
  }
  cachedChapters = chapters;
  return chapters;
}

export function getChapter(slug: string): Chapter | undefined {
  return loadChapters().find((c) => c.slug === slug);
}

export type ChecklistPage = { title: string; description: string } & RenderedDocument;

let cachedChecklist: ChecklistPage | undefined;

export function loadChecklist(): ChecklistPage {
  if (cachedChecklist) return cachedChecklist;
  const where = "content/checklist.md";
  const source = readFileSync(path.join(CONTENT_DIR, "checklist.md"), "utf8");
  const { data, body } = parseFrontMatter(source, where, pageFrontMatterSchema);
  cachedChecklist = { title: data.title, description: data.description, ...renderDocument(body, where, glossaryMatcher()) };
  return cachedChecklist;
}

/** Where each anchor lives, for validating progress and links: chapter slug → section ids. */
export type SectionIndex = Map<string, { sections: Set<string>; trackable: Set<string>; anchors: Set<string> }>;

let cachedIndex: SectionIndex | undefined;

/**
 * The anchors of every chapter, from the headings alone: the server uses it at request time to validate progress,
 * so it skips rendering and glossary linking.
 */
export function sectionIndex(): SectionIndex {
  if (cachedIndex) return cachedIndex;
  const dir = path.join(CONTENT_DIR, "chapters");
  const index: SectionIndex = new Map();
  for (const file of readdirSync(dir).filter((f) => /^\d+-.+\.md$/.test(f)).sort()) {
    const where = `content/chapters/${file}`;
    const { data, body } = parseFrontMatter(readFileSync(path.join(dir, file), "utf8"), where, chapterFrontMatterSchema);
    const tree = parseMarkdown(body);
    const headings = assignHeadingIds(tree, where);
    const sections = headings.filter((h) => h.depth === 2).map((h) => h.id);
    index.set(data.slug, {
      sections: new Set(sections),
      trackable: new Set(sections.filter((id) => !UNTRACKED_SECTIONS.has(id))),
      anchors: new Set(headings.map((h) => h.id)),
    });
  }
  cachedIndex = index;
  return index;
}
