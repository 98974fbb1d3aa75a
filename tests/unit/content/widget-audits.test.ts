import { describe, expect, it } from "vitest";
import { loadChapters } from "@/lib/content/chapters";
import { widgetAudits } from "../../e2e/widget-audits";

// The chapter sweep (tests/e2e/a11y.spec.ts) audits each widget as first mounted; only a widget spec audits it after
// it has been driven (other controls, results, error states). Every widget a chapter renders must have that audit,
// on a chapter page that carries it.
describe("widget audits", () => {
  const chapters = loadChapters();
  const { audited, opened } = widgetAudits();

  it("reads the audits and openings from the widget specs", () => {
    expect(audited.size).toBeGreaterThanOrEqual(27);
    expect(opened.length).toBeGreaterThanOrEqual(audited.size);
  });

  it("every widget a chapter renders is audited by a widget spec", () => {
    const unaudited = chapters.flatMap((c) => c.widgets.filter((id) => !audited.has(id)).map((id) => `${id} in ${c.slug}`));
    expect(unaudited).toEqual([]);
  });

  it("every audited widget is opened in a chapter that renders it", () => {
    const carries = new Map(chapters.map((c) => [c.slug, new Set(c.widgets)]));
    for (const id of audited) {
      const where = opened.filter(([, w]) => w === id).map(([chapter]) => chapter);
      expect(where.length, `${id} is audited but never opened`).toBeGreaterThan(0);
      for (const chapter of where) expect(carries.get(chapter)?.has(id), `${id} opened in ${chapter}`).toBe(true);
    }
  });
});
