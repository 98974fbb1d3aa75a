import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { evaluateDesign } from "@/lib/core/evaluator/index";

// The graded corpus (tests/fixtures/graded): designs with the grade an experienced interviewer gives them.
// The model must rank them as the interviewer does. Grades are never edited to make this pass.

const DIR = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));
const entrySchema = z.object({
  problem: z.string(),
  grade: z.enum(["A", "B", "C", "D", "F"]),
  why: z.array(z.string().min(10)).length(2),
  design: z.unknown(),
});
const GRADE_RANK = { A: 5, B: 4, C: 3, D: 2, F: 1 } as const;

function loadCorpus() {
  const out: { file: string; entry: z.infer<typeof entrySchema> }[] = [];
  for (const problem of readdirSync(DIR, { withFileTypes: true })) {
    if (!problem.isDirectory()) continue;
    for (const f of readdirSync(`${DIR}${problem.name}`).sort()) {
      if (!f.endsWith(".json")) continue;
      const file = `${problem.name}/${f}`;
      out.push({ file, entry: entrySchema.parse(JSON.parse(readFileSync(`${DIR}${file}`, "utf8"))) });
    }
  }
  return out;
}

/** Average ranks (ties share the mean rank), 1-based. */
function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation: Pearson's r of the tie-averaged ranks. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

const corpus = loadCorpus();
const scored = corpus.map(({ file, entry }) => {
  const r = evaluateDesign(entry.design, { seed: 1 });
  if (!r.ok) throw new Error(`${file} is not a valid design: ${JSON.stringify(r.errors)}`);
  return { file, grade: entry.grade, score: r.result.score };
});

describe("graded corpus", () => {
  it("holds at least 60 designs over the eight practice problems, every grade represented", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((c) => c.entry.problem)).size).toBe(8);
    for (const g of ["A", "B", "C", "D", "F"]) expect(corpus.some((c) => c.entry.grade === g)).toBe(true);
  });

  it("spearman's rank correlation of score vs the interviewer's grade is at least 0.9", () => {
    const rho = spearman(
      scored.map((s) => s.score),
      scored.map((s) => GRADE_RANK[s.grade]),
    );
    expect(rho, scored.map((s) => `${s.grade} ${s.score} ${s.file}`).join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("no design graded D or F scores 70 or more", () => {
    const lenient = scored.filter((s) => (s.grade === "D" || s.grade === "F") && s.score >= 70);
    expect(lenient.map((s) => `${s.file}: ${s.grade} scored ${s.score}`)).toEqual([]);
  });

  it("no design graded A scores below 85", () => {
    const harsh = scored.filter((s) => s.grade === "A" && s.score < 85);
    expect(harsh.map((s) => `${s.file}: ${s.grade} scored ${s.score}`)).toEqual([]);
  });

  it("spearman matches a hand-computed case with ties", () => {
    // ranks of a: 1, 2.5, 2.5, 4; ranks of b: 1, 2, 3, 4 → r = 0.9486...
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9487, 3);
  });
});
