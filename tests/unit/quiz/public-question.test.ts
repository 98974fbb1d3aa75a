import { describe, expect, it } from "vitest";
import { dealLayout, matchingOptions, orderingPublicIds, toPublicQuestion } from "@/lib/core/quiz";
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
    expect(pub.left.map((l) => l.id).sort()).toEqual(["a", "b", "c", "d"]);
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

describe("dealLayout (per-attempt order)", () => {
  const sq = as(allFixtures.find((q) => q.type === "single")!, "single");

  it("permutes choices uniformly: every order of the choices turns up about equally often", () => {
    const counts = new Map<string, number>();
    const runs = 24_000;
    for (let seed = 0; seed < runs; seed++) {
      const key = (dealLayout(sq, `attempt-${seed}`).choices ?? []).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const n = sq.choices.length;
    const orders = [...Array(n).keys()].reduce((f, i) => f * (i + 1), 1);
    expect(counts.size).toBe(orders);
    // Chi-square against uniform, with a bound far beyond the 99.9th percentile for orders − 1 degrees of freedom.
    const expected = runs / orders;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(orders * 3);
    // The right answer lands in every slot about 1/n of the time.
    const right = sq.choices.find((c) => c.correct)!.id;
    for (let slot = 0; slot < n; slot++) {
      let hits = 0;
      for (let seed = 0; seed < 4000; seed++) if (dealLayout(sq, seed).choices?.[slot] === right) hits++;
      expect(hits / 4000).toBeGreaterThan(1 / n - 0.04);
      expect(hits / 4000).toBeLessThan(1 / n + 0.04);
    }
  });

  it("applies a stored layout exactly, so a reload shows the same page", () => {
    const layout = dealLayout(ordering, "attempt-x");
    const a = toPublicQuestion(ordering, layout);
    const b = toPublicQuestion(structuredClone(ordering), JSON.parse(JSON.stringify(layout)));
    expect(a).toEqual(b);
    if (a.type !== "ordering") throw new Error("type");
    expect(a.items.map((i) => i.id)).toEqual(layout.items);
  });

  it("never lines every matching option up with its item", () => {
    const q = as(matching, "matching");
    const pairOf = new Map(matchingOptions(q).map((o) => [o.id, o.pairId]));
    for (let seed = 0; seed < 300; seed++) {
      const l = dealLayout(q, seed);
      expect(l.left!.every((pairId, i) => pairOf.get(l.options![i]!) === pairId)).toBe(false);
    }
  });
});
