import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseMarkdown, renderNodes, restoreUnknownDirectives } from "./markdown";
import { CONTENT_DIR } from "./paths";
import type { GlossaryTerm } from "./types";

const TERM_HEADING = /^(.+?)\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

/** Parses one glossary file: `### Term {#id}`, then `aliases:` and `see:` lines, then the definition. */
export function parseGlossaryFile(source: string, file: string): GlossaryTerm[] {
  const blocks = source.split(/^### /m).slice(1);
  return blocks.map((block) => {
    const [headingLine = "", ...rest] = block.split("\n");
    const heading = TERM_HEADING.exec(headingLine.trim());
    if (!heading?.[1] || !heading[2]) throw new Error(`${file}: glossary heading "${headingLine}" needs a {#id}`);
    const fields: Record<string, string> = {};
    let i = 0;
    for (; i < rest.length; i++) {
      const line = rest[i] ?? "";
      const field = /^(aliases|see):\s*(.*)$/.exec(line);
      if (!field?.[1]) break;
      fields[field[1]] = (field[2] ?? "").trim();
    }
    const definition = rest.slice(i).join("\n").trim();
    if (!fields.see) throw new Error(`${file}: term "${heading[2]}" has no "see:" line`);
    if (!definition) throw new Error(`${file}: term "${heading[2]}" has no definition`);
    const tree = parseMarkdown(definition);
    restoreUnknownDirectives(tree);
    return {
      id: heading[2],
      term: heading[1],
      aliases: (fields.aliases ?? "").split(",").map((a) => a.trim()).filter(Boolean),
      see: fields.see,
      definition,
      definitionHtml: renderNodes(tree.children),
      file,
    };
  });
}

let cached: GlossaryTerm[] | undefined;

/** Every term of every glossary file, alphabetically; a duplicate id anywhere is an error. */
export function loadGlossary(): GlossaryTerm[] {
  if (cached) return cached;
  const dir = path.join(CONTENT_DIR, "glossary");
  const terms = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .flatMap((f) => parseGlossaryFile(readFileSync(path.join(dir, f), "utf8"), `content/glossary/${f}`));
  const seen = new Map<string, string>();
  for (const term of terms) {
    const other = seen.get(term.id);
    if (other) throw new Error(`Glossary id "${term.id}" is defined in both ${other} and ${term.file}`);
    seen.set(term.id, term.file);
  }
  cached = terms.sort((a, b) => a.term.localeCompare(b.term, "en", { sensitivity: "base" }));
  return cached;
}
