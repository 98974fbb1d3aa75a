// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { questionSchema } from "@/lib/schemas/question";
import { commitImport } from "@/lib/server/instructor/import";
import { getPinnedQuestions } from "@/lib/server/quiz/questions";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { hostileGiftImport, hostileJsonImport } from "../../e2e/hostile-markdown";
import { makeUser, uid } from "../instructor/helpers";
import { db } from "@/lib/server/kernel/db";

const defaults = { chapter: "addressing" as const, section: "ipv4-ipv6", difficulty: "easy" as const, tags: ["security"], unit: "s" };

/** Everything in rendered HTML that could run or call out. */
function armed(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const found: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll("*"))) {
    if (["SCRIPT", "SVG", "IFRAME", "OBJECT", "EMBED", "STYLE"].includes(el.tagName.toUpperCase())) found.push(el.tagName);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
      if ((attr.name === "href" || attr.name === "src") && !/^(https?:\/\/|mailto:|\/(?!\/)|#|\?)/i.test(attr.value)) found.push(`${attr.name}=${attr.value}`);
      if (attr.name === "src" && /evil/.test(attr.value)) found.push(`src=${attr.value}`);
    }
  }
  return found;
}

describe("hostile markdown through the real import and the quiz renderer", () => {
  it("the e2e corpus imports (JSON and GIFT) and renders with nothing armed", async () => {
    const author = await makeUser("INSTRUCTOR");
    const marker = `xss-int-${uid()}`;
    for (const input of [
      { format: "json" as const, text: hostileJsonImport(marker), defaults, publish: false },
      { format: "gift" as const, text: hostileGiftImport(marker), defaults, publish: false },
    ]) {
      const report = await commitImport(author, input);
      expect(report.ok, JSON.stringify(report)).toBe(true);
    }
    const rows = await db.question.findMany({ where: { id: { startsWith: `addressing/${marker}` } }, select: { id: true, currentVersion: true } });
    expect(rows).toHaveLength(2);
    const pinned = await getPinnedQuestions(rows.map((r) => ({ questionId: r.id, version: r.currentVersion })));
    for (const p of pinned.values()) {
      const question = questionSchema.parse(p.question);
      expect(question.prompt).toMatch(/javascript/i); // stored as written: sanitizing happens on the way out
      const html = renderMarkdown(question.prompt) + renderMarkdown(question.explanation);
      expect(armed(html)).toEqual([]);
      expect(html).toContain("xss-");
    }
  });
});
