/** A run of rendered HTML, or the place where an interactive widget goes. */
export type ContentPart = { kind: "html"; html: string } | { kind: "widget"; id: string };

export type Heading = { id: string; depth: number; text: string };

export type Section = {
  id: string;
  title: string;
  /** The heading's inline HTML (titles may contain code spans). */
  titleHtml: string;
  parts: ContentPart[];
  subsections: Heading[];
  words: number;
  /** Plain text, for the search index. */
  text: string;
  /** Summary and further reading are not lessons, so they do not count towards progress. */
  trackable: boolean;
};

export type Chapter = {
  slug: string;
  number: number;
  title: string;
  description: string;
  objectives: string[];
  file: string;
  intro: ContentPart[];
  sections: Section[];
  words: number;
  readingMinutes: number;
  widgets: string[];
  /** Every heading id, `##` and deeper. */
  anchors: string[];
};

export type GlossaryTerm = {
  id: string;
  term: string;
  aliases: string[];
  see: string;
  definition: string;
  definitionHtml: string;
  file: string;
};
