import type { Design } from "@/lib/core/evaluator/schema";
import { regionLabel } from "./labels";

// The problem fixes the scenario a design is scored under: load, read/write mix, cold-connection share,
// targets, and where its users are (one client node per user group). A design that belongs to a problem must
// carry exactly that; only a "what if" copy may change it, and what-if copies never count.

export type LockedScenario = {
  scenario: { rps: number; readRatio: number; coldRatio?: number | undefined; targets: { p99Ms: number; availability: number } };
  clients: { region: string; share: number; platform: "web" | "mobile" }[];
};

export type LockViolation = { field: string; message: string };

const SAME = (a: number | undefined, b: number | undefined) => (a ?? NaN) === (b ?? NaN) || (a !== undefined && b !== undefined && Math.abs(a - b) < 1e-9);

const pct = (r: number) => `${Number((r * 100).toFixed(3))} %`;
const num = (n: number) => n.toLocaleString("en-US");

const HINT = "It is fixed by the problem; make a what-if copy to explore other numbers.";

/** Every way the document departs from the problem's scenario, each naming the field (JSON path). */
export function scenarioViolations(problem: LockedScenario, doc: Pick<Design, "scenario" | "nodes">): LockViolation[] {
  const out: LockViolation[] = [];
  const want = problem.scenario;
  const got = doc.scenario;
  const check = (field: string, expected: number | undefined, actual: number | undefined, show: (n: number) => string) => {
    if (expected === undefined) return;
    if (!SAME(expected, actual)) {
      out.push({ field, message: `${field} must be ${show(expected)} (got ${actual === undefined ? "nothing" : show(actual)}). ${HINT}` });
    }
  };
  check("scenario.rps", want.rps, got?.rps, (n) => `${num(n)} req/s`);
  check("scenario.readRatio", want.readRatio, got?.readRatio, pct);
  check("scenario.coldRatio", want.coldRatio, got?.coldRatio, pct);
  check("scenario.targets.p99Ms", want.targets.p99Ms, got?.targets?.p99Ms, (n) => `${num(n)} ms`);
  check("scenario.targets.availability", want.targets.availability, got?.targets?.availability, pct);

  // User groups: each problem client must appear once, as a client node with the same region, share and platform.
  const remaining = problem.clients.map((c, i) => ({ ...c, i }));
  doc.nodes.forEach((node, index) => {
    if (node.kind !== "client") return;
    const share = node.props?.share ?? 1;
    const platform = node.props?.platform ?? "web";
    const at = remaining.findIndex((c) => c.region === node.region && SAME(c.share, share) && c.platform === platform);
    if (at >= 0) remaining.splice(at, 1);
    else {
      out.push({
        field: `nodes[${index}]`,
        message: `nodes[${index}] is a client in ${regionLabel(node.region)} with ${pct(share)} of the traffic, which is not one of the problem's user groups. ${HINT}`,
      });
    }
  });
  for (const c of remaining) {
    out.push({
      field: "nodes",
      message: `nodes: the problem's users in ${regionLabel(c.region)} (${pct(c.share)} of the traffic, ${c.platform}) have no client node. ${HINT}`,
    });
  }
  return out;
}
