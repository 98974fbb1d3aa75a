import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { exportQuestions } from "@/lib/server/instructor/export";
import { commitImport, previewImport } from "@/lib/server/instructor/import";
import { createQuestion } from "@/lib/server/instructor/questions";
import { makeUser, numericQuestion, singleQuestion, uid } from "./helpers";

const defaults = { chapter: "http-semantics" as const, section: "status-codes", difficulty: "medium" as const, tags: ["http"], unit: "codes" };

async function questionCount(prefix: string) {
  return db.question.count({ where: { id: { startsWith: prefix } } });
}

describe("import", () => {
  it("previews without writing, then imports every question in one go with an audit row each", async () => {
    const author = await makeUser("INSTRUCTOR");
    const stem = `imp${uid()}`;
    const gift = [
      `::${stem} one::Which status means "not found"?{=404#Yes. ~500#Server error. ~301#A redirect.}`,
      "",
      `::${stem} two::HTTP 418 is a real, registered status code.{T#It is, as a joke.#Right.}`,
    ].join("\n");
    const input = { format: "gift" as const, text: gift, defaults, publish: true };

    const preview = await previewImport(author, input);
    expect(preview).toMatchObject({ ok: true, questions: [{ line: 1, id: `http-semantics/${stem}-one` }, { line: 3, id: `http-semantics/${stem}-two` }] });
    expect(await questionCount(`http-semantics/${stem}`)).toBe(0);

    const done = await commitImport(author, input);
    expect(done.ok).toBe(true);
    const rows = await db.question.findMany({ where: { id: { startsWith: `http-semantics/${stem}` } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.type, r.status, r.currentVersion])).toEqual([
      ["single", "PUBLISHED", 1],
      ["true_false", "PUBLISHED", 1],
    ]);
    expect(await db.auditLog.count({ where: { entityId: { startsWith: `http-semantics/${stem}` }, action: "import", actorId: author.id } })).toBe(2);

    // Importing the same file again collides on both ids: reported by line, nothing written.
    const again = await commitImport(author, input);
    expect(again).toMatchObject({ ok: false, errors: [{ line: 1 }, { line: 3 }] });
  });

  it("is all or nothing: one bad question in the file stores none of them", async () => {
    const author = await makeUser("INSTRUCTOR");
    const stem = `bad${uid()}`;
    const gift = [
      `::${stem} fine::Pick the redirect.{=301 ~404 ~500}`,
      "",
      `::${stem} negative::How many? {#3:-1}`,
      "",
      `::${stem} nocorrect::Pick {~a ~b ~c}`,
      "",
      `::${stem} dups::Pick {=x ~y ~x}`,
    ].join("\n");
    const result = await commitImport(author, { format: "gift", text: gift, defaults, publish: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 5, 7]);
    expect(result.errors[0]?.message).toBe("numeric tolerance -1 is below zero");
    expect(result.errors[1]?.message).toContain("exactly one correct choice");
    expect(result.errors[2]?.message).toContain('duplicate choice text "x"');
    expect(await questionCount(`http-semantics/${stem}`)).toBe(0);
  });

  it("reports malformed JSON with its line and stores nothing", async () => {
    const author = await makeUser("INSTRUCTOR");
    const text = '[\n  {\n    "id": "dns/x",\n    "type": "single",\n  }\n]';
    const result = await previewImport(author, { format: "json", text, defaults, publish: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.line).toBe(5);
    expect(result.errors[0]?.message).toMatch(/^not valid JSON/);
  });

  it("points schema problems in JSON at the element's line", async () => {
    const author = await makeUser("INSTRUCTOR");
    const good = numericQuestion();
    const bad = { ...numericQuestion(), tolerance: { kind: "absolute", value: -2 } };
    const text = JSON.stringify([good, bad], null, 2);
    const secondStart = text.split("\n").findIndex((l, i) => i > 1 && l === "  {") + 1;
    const result = await commitImport(author, { format: "json", text, defaults, publish: false });
    expect(result).toMatchObject({ ok: false, errors: [{ line: secondStart, message: expect.stringContaining("question 2: tolerance.value") }] });
    expect(await db.question.count({ where: { id: good.id } })).toBe(0);
  });
});

describe("export", () => {
  it("JSON export of a chapter re-imports losslessly (round trip through the database)", async () => {
    const author = await makeUser("INSTRUCTOR");
    const a = singleQuestion();
    const b = numericQuestion(`rel-${uid()}`, { tolerance: { kind: "relative", value: 0.05 }, feedbackLow: "Too low: count both trips." });
    await createQuestion(author, a);
    await createQuestion(author, b);
    const json = await exportQuestions(author, { format: "json", chapter: "latency" });
    const exported = JSON.parse(json.body) as { id: string }[];
    expect(exported.find((q) => q.id === b.id)).toEqual(b);

    // Delete the originals, import the exported file, export again: byte for byte the same.
    await db.question.deleteMany({ where: { chapter: "latency", createdById: author.id } });
    const mineOnly = JSON.stringify(exported.filter((q) => q.id === b.id), null, 2);
    expect((await commitImport(author, { format: "json", text: mineOnly, defaults, publish: false })).ok).toBe(true);
    const again = await exportQuestions(author, { format: "json", chapter: "latency" });
    expect((JSON.parse(again.body) as { id: string }[]).find((q) => q.id === b.id)).toEqual(b);
  });

  it("GIFT export carries the @roundtrip comment and reads back into the same questions", async () => {
    const author = await makeUser("INSTRUCTOR");
    const q = singleQuestion();
    await createQuestion(author, q);
    const gift = await exportQuestions(author, { format: "gift", chapter: "dns" });
    expect(gift.filename).toBe("roundtrip-questions-dns.gift.txt");
    expect(gift.body).toContain(`// @roundtrip {"id":"${q.id}"`);
    await db.question.delete({ where: { id: q.id } });
    const mine = gift.body.split("\n\n").filter((block) => block.includes(`"id":"${q.id}"`)).join("\n\n");
    const back = await previewImport(author, { format: "gift", text: mine, defaults, publish: false });
    expect(back).toMatchObject({ ok: true, questions: [{ id: q.id, type: "single", section: "record-types" }] });
  });
});
