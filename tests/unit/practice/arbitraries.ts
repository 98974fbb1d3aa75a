import fc from "fast-check";
import type { DesignDocument } from "@/lib/core/canvas/convert";
import { KNOWN_REGIONS, NODE_KINDS } from "@/lib/schemas/design";

// Generated design documents for property tests: valid shapes with optional fields present or absent, props
// the editor knows plus unknown ones (which must survive conversion untouched), and edges between real nodes.

const num = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const unknownProps = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`),
  fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 10 }), fc.array(fc.integer(), { maxLength: 3 })),
  { maxKeys: 3 },
);

const nodeProps = fc
  .tuple(
    fc.record(
      {
        replicas: fc.integer({ min: 1, max: 20 }),
        serviceTimeMs: num,
        availability: fc.double({ min: 0, max: 1, noNaN: true }),
        corsOrigins: fc.array(fc.webUrl(), { maxLength: 2 }),
        healthCheck: fc.record({ enabled: fc.boolean(), intervalSeconds: fc.integer({ min: 1, max: 60 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    unknownProps,
  )
  .map(([a, b]) => ({ ...b, ...a }));

export const designArb: fc.Arbitrary<DesignDocument> = fc
  .record({
    name: fc.string({ maxLength: 40 }),
    scenario: fc.option(
      fc.record(
        {
          rps: num,
          readRatio: fc.double({ min: 0, max: 1, noNaN: true }),
          targets: fc.record({ p99Ms: fc.integer({ min: 1, max: 5000 }) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    nodes: fc.uniqueArray(
      fc.record(
        {
          id: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
          kind: fc.constantFrom(...NODE_KINDS),
          label: fc.string({ maxLength: 20 }),
          zone: fc.constantFrom("public", "private", "data"),
          region: fc.constantFrom(...KNOWN_REGIONS, "moon-base"),
          position: fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
          props: nodeProps,
        },
        { requiredKeys: ["id", "kind"] },
      ),
      { selector: (n) => n.id, minLength: 0, maxLength: 12 },
    ),
    edgeSeeds: fc.array(
      fc.record(
        {
          a: fc.nat(),
          b: fc.nat(),
          props: fc.record(
            {
              protocol: fc.constantFrom("http", "grpc", "postgres"),
              timeoutMs: fc.integer({ min: 1, max: 10000 }),
              keepAlive: fc.boolean(),
              x_custom: fc.string(),
            },
            { requiredKeys: [] },
          ),
          withProps: fc.boolean(),
        },
        { requiredKeys: ["a", "b", "withProps"] },
      ),
      { maxLength: 20 },
    ),
  })
  .map(({ name, scenario, nodes, edgeSeeds }) => {
    const edges =
      nodes.length === 0
        ? []
        : edgeSeeds.map((s, i) => {
            const from = nodes[s.a % nodes.length]!.id;
            const to = nodes[s.b % nodes.length]!.id;
            return s.withProps && s.props ? { id: `e${i}`, from, to, props: s.props } : { id: `e${i}`, from, to };
          });
    const doc = { version: 1, name, nodes, edges } as Record<string, unknown>;
    if (scenario !== undefined) doc.scenario = scenario;
    // Real documents come from JSON: plain objects (fast-check builds null-prototype ones), no -0.
    return JSON.parse(JSON.stringify(doc)) as DesignDocument;
  });
