import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoLayout } from "@/lib/core/canvas/auto-layout";
import { DAGRE_NODE_LIMIT, NODE_HEIGHT, NODE_WIDTH, requestOrder, type XY } from "@/lib/core/canvas/layout";

const nodes = ["client", "lb", "api", "cache", "db"].map((id) => ({ id }));
const edges = [
  { from: "client", to: "lb" },
  { from: "lb", to: "api" },
  { from: "api", to: "cache" },
  { from: "api", to: "db" },
];

const shuffle = <T>(xs: T[], seed: number) => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

function expectNoOverlap(p: XY[]) {
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const a = p[i]!;
      const b = p[j]!;
      const overlap = Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
      expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
    }
  }
}

describe("auto-layout", () => {
  it("lays calls out left to right", () => {
    const p = autoLayout(nodes, edges);
    const x = (id: string) => p.get(id)!.x;
    expect(x("client")).toBeLessThan(x("lb"));
    expect(x("lb")).toBeLessThan(x("api"));
    expect(x("api")).toBeLessThan(x("db"));
    expect(x("api")).toBeLessThan(x("cache"));
  });

  it("is deterministic whatever the order of nodes and edges", () => {
    const reference = autoLayout(nodes, edges);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const p = autoLayout(shuffle(nodes, seed), shuffle(edges, seed + 1));
        expect(Object.fromEntries(p)).toEqual(Object.fromEntries(reference));
      }),
      { numRuns: 25 },
    );
  });

  it("places no two nodes on top of each other", () => {
    expectNoOverlap([...autoLayout(nodes, edges).values()]);
  });

  // The order is the request's, not the alphabet's: ids that sort backwards, forwards or neither give the same
  // picture. (dagre alone stacks same-column siblings against their insertion order, so sorting by id drew
  // a design named a…g with the database above the cache and the CDN above DNS.)
  const KINDS = ["client", "dns", "cdn", "load_balancer", "service", "cache", "database"] as const;
  describe.each([
    ["reverse-alphabetical", ["z-users", "y-dns", "x-cdn", "w-lb", "v-api", "u-cache", "t-db"]],
    ["alphabetical", ["a", "b", "c", "d", "e", "f", "g"]],
    ["everyday", ["users", "dns", "cdn", "lb", "api", "cache", "db"]],
  ])("a design with %s ids", (_, names) => {
    const [users, dns, cdn, lb, api, cache, db] = names as [string, string, string, string, string, string, string];
    const journey = names.map((id, i) => ({ id, kind: KINDS[i] }));
    const calls = [
      [api, db],
      [users, cdn],
      [lb, api],
      [api, cache],
      [cdn, lb],
      [users, dns],
    ].map(([from, to]) => ({ from: from!, to: to! }));
    const p = autoLayout(journey, calls);
    const at = (id: string) => p.get(id)!;

    it("puts the client first and each later step of the request further right", () => {
      expect(at(users).x).toBeLessThan(at(cdn).x);
      expect(at(cdn).x).toBeLessThan(at(lb).x);
      expect(at(lb).x).toBeLessThan(at(api).x);
      expect(at(api).x).toBeLessThan(at(cache).x);
      expect(at(cache).x).toBe(at(db).x);
    });

    it("stacks siblings top to bottom in the order the request meets them", () => {
      // The name is resolved before the CDN is contacted; the cache is read before the database.
      expect(at(dns).x).toBe(at(cdn).x);
      expect(at(dns).y).toBeLessThan(at(cdn).y);
      expect(at(cache).y).toBeLessThan(at(db).y);
      expect([...requestOrder(journey, calls).keys()]).toEqual(names);
    });

    it("starts at the top-left margin with nothing at negative coordinates and no overlaps", () => {
      const all = [...p.values()];
      expect(Math.min(...all.map((q) => q.x))).toBe(20);
      expect(Math.min(...all.map((q) => q.y))).toBe(20);
      expectNoOverlap(all);
    });

    it("is the same whatever the document order", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
          const q = autoLayout(shuffle(journey, seed), shuffle(calls, seed + 7));
          expect(Object.fromEntries(q)).toEqual(Object.fromEntries(p));
        }),
        { numRuns: 10 },
      );
    });
  });

  it("handles the 2,000-node example deterministically, cycles included", () => {
    const doc = JSON.parse(
      readFileSync(new URL("../../../lib/core/evaluator/examples/generated-2000.json", import.meta.url), "utf8"),
    ) as { nodes: { id: string }[]; edges: { from: string; to: string }[] };
    expect(doc.nodes.length).toBeGreaterThan(DAGRE_NODE_LIMIT);
    const a = autoLayout(doc.nodes, doc.edges);
    expect(a.size).toBe(doc.nodes.length);
    expectNoOverlap([...a.values()].slice(0, 400));
    const b = autoLayout([...doc.nodes].reverse(), [...doc.edges].reverse());
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
    const cyc = autoLayout([{ id: "a" }, { id: "b" }], [{ from: "a", to: "b" }, { from: "b", to: "a" }]);
    expect(cyc.size).toBe(2);
  });
});
