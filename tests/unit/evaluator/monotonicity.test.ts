import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { ROOT, type Doc } from "./helpers";

// Monotonicity (issue #12): taking away a replica, a timeout, a health check or an idempotency key never
// raises the score, and more load never lowers latency. Run over the graded corpus (65 realistic designs,
// good to failing) with random removals, so the properties are checked where candidates actually draw.

const DIR = `${ROOT}tests/fixtures/graded/`;
const corpus: Doc[] = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(`${DIR}${d.name}`)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(`${DIR}${d.name}/${f}`, "utf8")).design as Doc),
  );

const score = (d: Doc) => {
  const r = evaluateDesign(d, { seed: 1 });
  if (!r.ok) throw new Error(`invalid: ${JSON.stringify(r.errors)}`);
  return r.result;
};

type Removal = "replica" | "timeout" | "health-check" | "idempotency-key";

/** Applies one removal at the pick-th place it can apply; undefined when the design has no such place. */
function remove(design: Doc, what: Removal, pick: number): Doc | undefined {
  const d = structuredClone(design);
  const choose = (xs: Doc[]): Doc | undefined => (xs.length === 0 ? undefined : xs[pick % xs.length]);
  if (what === "replica") {
    const n = choose(d.nodes.filter((x: Doc) => (x.kind === "service" || x.kind === "worker") && (x.props?.replicas ?? 1) > 1));
    if (!n) return undefined;
    n.props.replicas -= 1;
  } else if (what === "timeout") {
    const e = choose(d.edges.filter((x: Doc) => x.props?.timeoutMs !== undefined));
    if (!e) return undefined;
    delete e.props.timeoutMs;
  } else if (what === "health-check") {
    const n = choose(d.nodes.filter((x: Doc) => x.kind === "load_balancer" && x.props?.healthCheck?.enabled === true));
    if (!n) return undefined;
    n.props.healthCheck = { ...n.props.healthCheck, enabled: false };
  } else {
    const e = choose(d.edges.filter((x: Doc) => x.props?.idempotencyKey === true));
    if (!e) return undefined;
    e.props.idempotencyKey = false;
  }
  return d;
}

describe("monotonicity over the graded corpus", () => {
  it("removing a replica, a timeout, a health check or an idempotency key never raises the score", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        fc.constantFrom<Removal>("replica", "timeout", "health-check", "idempotency-key"),
        fc.nat(),
        (which, what, pick) => {
          const base = corpus[which] as Doc;
          const changed = remove(base, what, pick);
          if (!changed) return;
          const before = score(base).score;
          const after = score(changed).score;
          if (after > before) throw new Error(`${base.name}: removing a ${what} raised the score ${before} → ${after}`);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  }, 240_000);

  it("adding load never lowers latency (p50, p99 and the cold TTFB)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.double({ min: 1.01, max: 4, noNaN: true }), (which, k) => {
        const base = corpus[which] as Doc;
        const more = structuredClone(base);
        more.scenario = { ...(more.scenario ?? {}), rps: (base.scenario?.rps ?? 1000) * k };
        const a = score(base).latency;
        const b = score(more).latency;
        if (b.p50Ms < a.p50Ms || b.p99Ms < a.p99Ms || b.coldTtfbMs < a.coldTtfbMs)
          throw new Error(`${base.name}: ×${k.toFixed(2)} load lowered latency ${JSON.stringify([a.p50Ms, a.p99Ms, a.coldTtfbMs])} → ${JSON.stringify([b.p50Ms, b.p99Ms, b.coldTtfbMs])}`);
      }),
      { numRuns: 150, seed: 34 },
    );
  }, 240_000);

  it("the generator finds something to remove in most designs", () => {
    const kinds: Removal[] = ["replica", "timeout", "health-check", "idempotency-key"];
    for (const k of kinds) expect(corpus.filter((d) => remove(d, k, 0) !== undefined).length).toBeGreaterThan(5);
  });
});
