// Shared by the build-time index and the search box, which must load the index with the same options.
export const SEARCH_FIELDS = ["title", "headings", "text", "aliases"] as const;
export const SEARCH_STORE_FIELDS = ["kind", "title", "context", "url", "excerpt"] as const;

export const searchIndexOptions = {
  idField: "id",
  fields: [...SEARCH_FIELDS],
  storeFields: [...SEARCH_STORE_FIELDS],
};

export const searchQueryOptions = {
  boost: { title: 4, aliases: 3, headings: 2 },
  prefix: true,
  fuzzy: 0.15,
  combineWith: "AND" as const,
};

export type SearchHit = { id: string; kind: "section" | "term" | "check"; title: string; context: string; url: string; excerpt: string };
