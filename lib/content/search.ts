import "server-only";
import MiniSearch from "minisearch";
import { loadChapters, loadChecklist } from "./chapters";
import { loadGlossary } from "./glossary";
import { searchIndexOptions } from "./search-options";

type SearchDocument = {
  id: string;
  kind: "section" | "term" | "check";
  title: string;
  headings: string;
  text: string;
  aliases: string;
  context: string;
  url: string;
  excerpt: string;
};

function excerpt(text: string, words = 24): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.slice(0, words).join(" ") + (all.length > words ? "…" : "");
}

export function searchDocuments(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const chapter of loadChapters()) {
    for (const section of chapter.sections) {
      docs.push({
        id: `${chapter.slug}#${section.id}`,
        kind: "section",
        title: section.title,
        headings: section.subsections.map((h) => h.text).join(" · "),
        text: section.text,
        aliases: "",
        context: `Chapter ${chapter.number} · ${chapter.title}`,
        url: `/learn/${chapter.slug}#${section.id}`,
        excerpt: excerpt(section.text),
      });
    }
  }
  for (const term of loadGlossary()) {
    docs.push({
      id: `glossary#${term.id}`,
      kind: "term",
      title: term.term,
      headings: "",
      text: term.definition,
      aliases: term.aliases.join(" · "),
      context: "Glossary",
      url: `/learn/glossary#${term.id}`,
      excerpt: excerpt(term.definition),
    });
  }
  for (const item of loadChecklist().sections) {
    docs.push({
      id: `checklist#${item.id}`,
      kind: "check",
      title: item.title,
      headings: "",
      text: item.text,
      aliases: "",
      context: "Network design checklist",
      url: `/learn/checklist#${item.id}`,
      excerpt: excerpt(item.text),
    });
  }
  return docs;
}

/** The serialised MiniSearch index the search box downloads on first focus. */
export function buildSearchIndexJson(): string {
  const index = new MiniSearch<SearchDocument>(searchIndexOptions);
  index.addAll(searchDocuments());
  return JSON.stringify(index);
}
