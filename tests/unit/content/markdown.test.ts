import { describe, expect, it } from "vitest";
import { renderDocument } from "@/lib/content/chapters";
import { buildGlossaryMatcher } from "@/lib/content/markdown";

const matcher = buildGlossaryMatcher([
  { id: "rtt", aliases: ["RTT", "round trip"] },
  { id: "syn", aliases: ["SYN", "SYN-ACK"] },
  { id: "tcp", aliases: ["TCP"] },
]);

function html(markdown: string, withGlossary = true): string {
  const doc = renderDocument(markdown, "test.md", withGlossary ? matcher : null);
  return [...doc.intro, ...doc.sections.flatMap((s) => s.parts)].map((p) => (p.kind === "html" ? p.html : `[widget ${p.id}]`)).join("\n");
}

describe("heading anchors", () => {
  it("uses {#id} as the anchor and strips it from the text; other headings get unique slugs", () => {
    const doc = renderDocument("## The handshake {#three-way}\n\ntext\n\n### Costs\n\nx\n\n### Costs\n\ny\n", "t.md", null);
    expect(doc.sections[0]?.id).toBe("three-way");
    expect(doc.sections[0]?.title).toBe("The handshake");
    expect(doc.anchors).toEqual(["three-way", "costs", "costs-2"]);
    expect(html("## A {#a}\n\n### Costs\n\nx")).toContain('<h3 id="costs">Costs</h3>');
  });

  it("refuses a duplicate explicit id", () => {
    expect(() => renderDocument("## A {#same}\n\nx\n\n## B {#same}\n\ny", "dup.md", null)).toThrow(/"same" is used twice/);
  });

  it("keeps inline code in heading titles", () => {
    const doc = renderDocument("## Using `dns.lookup` {#lookup}\n\ntext", "t.md", null);
    expect(doc.sections[0]?.titleHtml).toBe("Using <code>dns.lookup</code>");
  });
});

describe("directives", () => {
  it("turns interview, example and note blocks into labelled asides", () => {
    const out = html(':::interview\nSay this.\n:::\n\n:::example{title="Cold start"}\nNumbers.\n:::\n\n:::note\nCareful.\n:::', false);
    expect(out).toContain('<div class="callout callout-interview" role="note" aria-label="In the interview"><p class="callout-title">In the interview</p><p>Say this.</p></div>');
    expect(out).toContain('aria-label="Worked example: Cold start"');
    expect(out).toContain('<p class="callout-title">Note</p><p>Careful.</p>');
  });

  it("splits content at widget markers", () => {
    const doc = renderDocument('## A {#a}\n\nBefore.\n\n::widget{id="W3"}\n\nAfter.', "t.md", null);
    expect(doc.sections[0]?.parts.map((p) => p.kind)).toEqual(["html", "widget", "html"]);
    expect(doc.widgets).toEqual(["W3"]);
  });

  it("leaves ratios and times alone even though they look like directives", () => {
    expect(html("Weights 3:1:1:1 and 10:30 and a:b.", false)).toContain("<p>Weights 3:1:1:1 and 10:30 and a:b.</p>");
  });

  it("rejects an unknown block directive", () => {
    expect(() => renderDocument(":::warning\nx\n:::", "t.md", null)).toThrow(/Unknown block directive ":::warning"/);
  });
});

describe("glossary links", () => {
  it("links only the first mention of each term, case-insensitively", () => {
    const out = html("The round trip is one RTT. Another Round Trip later.");
    expect(out).toContain('The <a href="/learn/glossary#rtt" class="glossary-link">round trip</a> is one RTT. Another Round Trip later.');
  });

  it("matches whole words only, preferring the longest alias", () => {
    const out = html("TCPX is not it; a SYN-ACK is.");
    expect(out).not.toContain("glossary#tcp");
    expect(out).toContain('<a href="/learn/glossary#syn" class="glossary-link">SYN-ACK</a>');
  });

  it("never links inside headings, links or code", () => {
    const out = html("## TCP basics {#tcp-basics}\n\n[TCP docs](https://example.com) and `TCP` and\n\n```\nTCP\n```\n\nthen TCP.");
    expect(out.match(/glossary#tcp/g)).toHaveLength(1);
    expect(out).toContain('then <a href="/learn/glossary#tcp" class="glossary-link">TCP</a>.');
  });
});

describe("tables, code and diagrams", () => {
  it("wraps tables in a focusable, labelled scroll box", () => {
    const out = html("| Step | Segment |\n|---|---|\n| 1 | x |", false);
    expect(out).toMatch(/^<div class="table-wrap" tabindex="0" role="region" aria-label="Table: Step Segment"><table>/);
  });

  it("makes code blocks focusable and labels their language", () => {
    expect(html("```nginx\nproxy_pass http://app;\n```", false)).toContain('<pre tabindex="0" data-lang="nginx"><code class="language-nginx">');
  });

  it("replaces a mermaid block with a figure whose text alternative is the alt line", () => {
    const out = html("```mermaid\n%% alt: Two boxes joined by an arrow.\nflowchart LR\n  A --> B\n```", false);
    expect(out).toMatch(/^<figure class="diagram" data-diagram="[0-9a-f]{12}">/);
    expect(out).toContain("Two boxes joined by an arrow.");
    expect(out).not.toContain("flowchart LR");
  });

  it("counts prose words for reading time, not code", () => {
    const doc = renderDocument("## A {#a}\n\none two three\n\n```\nnot counted at all\n```\n", "t.md", null);
    expect(doc.words).toBe(4); // "A" + three words
  });
});
