import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { buildSearchIndexJson } from "@/lib/content/search";
import { searchIndexOptions, searchQueryOptions, type SearchHit } from "@/lib/content/search-options";

describe("search index", () => {
  const index = MiniSearch.loadJSON(buildSearchIndexJson(), searchIndexOptions);
  const search = (q: string) => index.search(q, searchQueryOptions) as unknown as SearchHit[];

  it("finds sections by their facts and jumps to the right anchor", () => {
    expect(search("TIME_WAIT").slice(0, 3).map((h) => h.url)).toContain("/learn/tcp-connections#teardown-time-wait");
    expect(search("TCP_NODELAY").slice(0, 3).map((h) => h.url)).toContain("/learn/tcp-performance#nagle-delayed-ack");
  });

  it("finds the interview chapters' sections", () => {
    expect(search("PACELC").slice(0, 3).map((h) => h.url)).toContain("/learn/consistency#cap-pacelc");
    expect(search("fencing token").slice(0, 3).map((h) => h.url)).toContain("/learn/consistency#fencing-tokens");
    expect(search("Little's law").slice(0, 3).map((h) => h.url)).toContain("/learn/estimation#littles-law");
    expect(search("celebrity fan-out").slice(0, 5).map((h) => h.url)).toContain("/learn/the-interview#news-feed");
  });

  it("finds glossary terms by alias and checklist items", () => {
    expect(search("round-trip time").some((h) => h.kind === "term" && h.url.startsWith("/learn/glossary#"))).toBe(true);
    expect(search("wildcards CORS").some((h) => h.url === "/learn/checklist#cors-origins")).toBe(true);
  });

  it("stores what the result list shows", () => {
    const hit = search("slow start").find((h) => h.kind === "section");
    expect(hit).toMatchObject({ kind: "section", title: expect.any(String), context: expect.stringMatching(/^Chapter \d+/), url: expect.stringMatching(/^\/learn\//) });
  });
});
