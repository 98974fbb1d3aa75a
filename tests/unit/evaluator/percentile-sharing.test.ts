import { describe, expect, it } from "vitest";
import { computeCapacity } from "@/lib/core/evaluator/capacity";
import { buildGraph, requestReachable } from "@/lib/core/evaluator/graph";
import { buildLatencyModel } from "@/lib/core/evaluator/latency";
import { percentileCache, simulatePercentiles } from "@/lib/core/evaluator/percentiles";
import { designSchema } from "@/lib/core/evaluator/schema";
import { upgradeDesign } from "@/lib/core/evaluator/upgrade";
import { mulberry32, mulberry32Stream } from "@/lib/core/util/prng";
import { loadExample, type Doc } from "./helpers";

// Speed without a changed figure: the sampler's random stream is the textbook mulberry32 bit for bit, and
// client groups whose requests meet the same graph are sampled once per evaluation with the very result each
// would get alone.

/** mulberry32 as published (Tommy Ettinger), state in a plain variable: the reference the generator must equal. */
function reference(seed: number): { next: () => number; reseed: (s: number) => void } {
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    reseed: (s: number) => {
      a = s >>> 0;
    },
  };
}

describe("mulberry32", () => {
  it("draws the reference sequence for seeds across the 32-bit range, reseeded or not", () => {
    for (const seed of [0, 1, 7, -1, 0x7fffffff, 0x80000000, 0xffffffff, -123456789, 2 ** 40 + 7]) {
      const a = mulberry32Stream(seed);
      const b = reference(seed);
      const f = mulberry32(seed);
      const g = reference(seed);
      const got: number[] = [];
      const want: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        if (i % 5_000 === 3) {
          // The sampler reseeds with sums of 32-bit products, which may leave the int32 range.
          const s = Math.imul(seed | 0, 0x9e3779b1) + Math.imul(i, 0x27d4eb2d);
          a.reseed(s);
          b.reseed(s);
        }
        got.push(a.next(), f());
        want.push(b.next(), g.next());
      }
      expect(got).toEqual(want);
    }
  });
});

/** The inputs of every client group's simulation, built as evaluateDesign builds them. */
function clientInputs(doc: Doc) {
  const design = upgradeDesign(designSchema.parse(doc));
  const graph = buildGraph(design);
  const readRatio = design.scenario?.readRatio ?? 0.9;
  const coldRatio = design.scenario?.coldRatio ?? 0.05;
  const cap = computeCapacity(graph, design.scenario?.rps ?? 1000, readRatio, coldRatio);
  return graph.nodes
    .filter((n) => n.kind === "client")
    .map((c) => ({
      clientId: c.id,
      model: buildLatencyModel(graph, cap, requestReachable(graph, c.id)),
      queues: cap.queues,
      routing: cap.routing,
      readRatio,
      coldRatio,
    }));
}

/** generated-50's client groups with the Asian users 180 ms from the edge: their requests differ from the others'. */
function farApGroups() {
  const doc = loadExample("generated-50");
  const far = doc.edges.find((e: Doc) => e.from === "users-ap" && e.to === "edge");
  far.props = { ...far.props, rttMs: 180 };
  return clientInputs(doc);
}

// generated-50 is computed on the lattice by default (model 2.5.1); sampled here (as designs with too many
// outcomes or continuous times for the lattice are) to test the sampler's sharing.
const SAMPLED = { samples: 100_000 };

describe("client groups share one simulation where their inputs are equal", () => {
  it("generated-50's three regions are sampled once, each with the result it gets alone", () => {
    const groups = clientInputs(loadExample("generated-50"));
    expect(groups).toHaveLength(3);
    const cache = percentileCache();
    const shared = groups.map((g) => simulatePercentiles({ ...g, ...SAMPLED, seed: 1, cache }));
    const alone = groups.map((g) => simulatePercentiles({ ...g, ...SAMPLED, seed: 1 }));
    expect(shared[0]?.samples).toBeGreaterThanOrEqual(100_000);
    expect(shared).toEqual(alone);
    expect(cache.sampled.length).toBe(1);
  });

  it("another seed or another request mix is another simulation", () => {
    const [g] = clientInputs(loadExample("generated-50"));
    if (!g) throw new Error("no client");
    const cache = percentileCache();
    simulatePercentiles({ ...g, ...SAMPLED, seed: 1, cache });
    simulatePercentiles({ ...g, ...SAMPLED, seed: 2, cache });
    simulatePercentiles({ ...g, ...SAMPLED, seed: 1, readRatio: 0.5, cache });
    expect(cache.sampled.length).toBe(3);
  });

  it("a client group whose requests differ (another RTT to the edge) is sampled on its own", () => {
    const groups = farApGroups();
    const cache = percentileCache();
    const shared = groups.map((g) => simulatePercentiles({ ...g, ...SAMPLED, seed: 1, cache }));
    expect(cache.sampled.length).toBe(2);
    expect(shared).toEqual(groups.map((g) => simulatePercentiles({ ...g, ...SAMPLED, seed: 1 })));
    const ap = shared[groups.findIndex((g) => g.clientId === "users-ap")];
    const us = shared[groups.findIndex((g) => g.clientId === "users-us")];
    expect(ap?.p50Ms).toBeGreaterThan(us?.p50Ms ?? Infinity);
  });
});

describe("client groups whose runs are equal share one result computed without sampling", () => {
  it("generated-50's three regions are computed on the lattice once, each with the result it gets alone", () => {
    const groups = clientInputs(loadExample("generated-50"));
    const cache = percentileCache();
    const shared = groups.map((g) => simulatePercentiles({ ...g, seed: 1, cache }));
    expect(shared[0]).toMatchObject({ samples: 0, exact: false });
    expect(shared).toEqual(groups.map((g) => simulatePercentiles({ ...g, seed: 1 })));
    // One node list and one recorded result for the three groups.
    expect(cache.nodeLists.length).toBe(1);
    expect(cache.computed.length).toBe(1);
  });

  it("leaves each lattice's work budget where computing every group again would leave it", () => {
    const groups = clientInputs(loadExample("generated-50"));
    const reused = percentileCache();
    for (const g of groups) simulatePercentiles({ ...g, seed: 1, cache: reused });
    // The same three runs, each computed in full: a cache per group for its node list, one for the lattices.
    const full = percentileCache();
    for (const g of groups) {
      const own = percentileCache();
      simulatePercentiles({ ...g, seed: 1, cache: { ...full, nodeLists: own.nodeLists, computed: own.computed } });
    }
    const work = (c: typeof full) => [...c.lattices.values()].map((l) => l.lat.work);
    expect(work(full).length).toBeGreaterThan(0);
    expect(work(reused)).toEqual(work(full));
  });

  it("a group whose requests differ (another RTT to the edge) is computed on its own", () => {
    const groups = farApGroups();
    const cache = percentileCache();
    const shared = groups.map((g) => simulatePercentiles({ ...g, seed: 1, cache }));
    expect(shared).toEqual(groups.map((g) => simulatePercentiles({ ...g, seed: 1 })));
    expect(cache.computed.length).toBe(2);
    const ap = shared[groups.findIndex((g) => g.clientId === "users-ap")];
    const us = shared[groups.findIndex((g) => g.clientId === "users-us")];
    expect(ap?.p50Ms).toBeGreaterThan(us?.p50Ms ?? Infinity);
  });

  it("a lattice whose budget the groups before spent computes the group again rather than reuse its result", () => {
    const groups = clientInputs(loadExample("generated-50"));
    const cache = percentileCache();
    const first = simulatePercentiles({ ...groups[0]!, seed: 1, cache });
    // Spend the budget: a rerun would fail on this lattice and fall back to sampling.
    for (const l of cache.lattices.values()) l.lat.work = 5_000_000;
    const second = simulatePercentiles({ ...groups[1]!, seed: 1, cache });
    expect(second.samples).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
  });
});

