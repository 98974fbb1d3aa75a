import { describe, expect, it } from "vitest";
import { orderingPublicIds, toPublicQuestion } from "@/lib/quiz";
import { publicQuestionSchema } from "@/lib/schemas/question";
import { allFixtures, as, matching, ordering } from "./fixtures";

describe("toPublicQuestion", () => {
  it.each(allFixtures.map((q) => [q.id, q] as const))("%s carries no answer or feedback", (_, q) => {
    const pub = toPublicQuestion(q, 42);
    expect(publicQuestionSchema.safeParse(pub).success).toBe(true);
    const json = JSON.stringify(pub);
    expect(json).not.toMatch(/"correct"|"answer"|"feedback|"explanation"|"distractors"|"pairs"/);
    expect(json).not.toMatch(/EXPLANATION-TEXT|FB-/);
  });

  it("is deterministic for a seed and varies across seeds", () => {
    expect(toPublicQuestion(ordering, "attempt-1")).toEqual(toPublicQuestion(ordering, "attempt-1"));
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const pub = toPublicQuestion(ordering, seed);
      if (pub.type === "ordering") seen.add(pub.items.map((i) => i.text).join());
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it("never shows ordering items in the right order, and hides the authored ids", () => {
    const right = orderingPublicIds(as(ordering, "ordering"));
    for (let seed = 0; seed < 200; seed++) {
      const pub = toPublicQuestion(ordering, seed);
      if (pub.type !== "ordering") throw new Error("type");
      expect(pub.items.map((i) => i.id)).not.toEqual(right);
      expect(pub.items.map((i) => i.id).some((id) => ["a", "b", "c", "d"].includes(id))).toBe(false);
    }
  });

  it("shuffles matching options with distractors under ids unrelated to the pairs", () => {
    const pub = toPublicQuestion(matching, 7);
    if (pub.type !== "matching") throw new Error("type");
    expect(pub.left.map((l) => l.id)).toEqual(["a", "b", "c", "d"]);
    expect(pub.options.map((o) => o.text).sort()).toEqual(["HTTPS", "PostgreSQL", "Redis", "SMTP", "SSH"]);
    expect(pub.options.some((o) => ["a", "b", "c", "d"].includes(o.id))).toBe(false);
    for (let seed = 0; seed < 100; seed++) {
      const p = toPublicQuestion(matching, seed);
      if (p.type !== "matching") throw new Error("type");
      expect(p.options.map((o) => o.text)).not.toEqual(["SSH", "HTTPS", "PostgreSQL", "Redis", "SMTP"]);
    }
  });

  it("keeps numeric unit and tolerance so the UI can show them", () => {
    const pub = toPublicQuestion(allFixtures[3]!, 1);
    expect(pub).toMatchObject({ type: "numeric", unit: "ms", tolerance: { kind: "absolute", value: 5 } });
  });
});
