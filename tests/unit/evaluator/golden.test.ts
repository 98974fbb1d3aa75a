import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { coinFlips } from "./percentile-designs";
import { EXAMPLES_DIR, ROOT, type Doc } from "./helpers";

// Every result the evaluator gives for the designs we ship (the examples, the practice problems' starters and
// references, the graded corpus) and a few forced-sampling runs, byte for byte against a committed golden file.
// It exists so that work on the evaluator's speed provably changes no score, figure, finding or text: any such
// change fails here. A deliberate model change (a new MODEL_VERSION) updates the file with `npx vitest run -u`
// on this test, and the diff shows every result it moved.

const GRADED = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));
const PROBLEMS = `${ROOT}content/problems/`;

function cases(): [string, Doc, { seed?: number; samples?: number }][] {
  const out: [string, Doc, { seed?: number; samples?: number }][] = [];
  for (const f of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json")).sort())
    out.push([`examples/${f}`, JSON.parse(readFileSync(`${EXAMPLES_DIR}${f}`, "utf8")), {}]);
  for (const f of readdirSync(PROBLEMS).filter((f) => f.endsWith(".json")).sort()) {
    const p = JSON.parse(readFileSync(`${PROBLEMS}${f}`, "utf8")) as Doc;
    out.push([`problems/${f}#starter`, p.starter, {}], [`problems/${f}#reference`, p.reference, {}]);
  }
  for (const problem of readdirSync(GRADED, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1)))
    for (const f of readdirSync(`${GRADED}${problem.name}`).filter((f) => f.endsWith(".json")).sort())
      out.push([`graded/${problem.name}/${f}`, (JSON.parse(readFileSync(`${GRADED}${problem.name}/${f}`, "utf8")) as Doc).design, {}]);
  // The sampled engine (its seeded draws), forced on designs that otherwise get exact or numeric percentiles.
  for (const name of ["three-tier", "payments-idempotency", "chat-websockets", "generated-50"])
    out.push([`examples/${name}.json@seed7,samples5000`, JSON.parse(readFileSync(`${EXAMPLES_DIR}${name}.json`, "utf8")), { seed: 7, samples: 5000 }]);
  out.push(["coin-flips", coinFlips(), {}], ["coin-flips-spread@seed3", coinFlips(true), { seed: 3 }]);
  return out;
}

describe("golden results", () => {
  it("every shipped design scores exactly as recorded (tests/fixtures/evaluator-golden.txt)", async () => {
    const lines = cases().map(([name, doc, options]) => `${name}\t${JSON.stringify(evaluateDesign(doc, options))}`);
    expect(lines.length).toBeGreaterThan(90);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("../../fixtures/evaluator-golden.txt");
  });
});
