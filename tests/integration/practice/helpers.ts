import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import { DesignError } from "@/lib/server/designs/service";
import { getProblem } from "@/lib/server/designs/problems";
import { refusedWith } from "../../support/refusal";

export async function makeUser(name: string) {
  const email = `${name}-${randomBytes(4).toString("hex")}@example.test`;
  return db.user.create({ data: { email, name, passwordHash: "not-a-real-hash" }, select: { id: true } });
}

type Doc = { scenario?: unknown; nodes: { id: string; kind: string; region?: string; props?: Record<string, unknown> }[]; edges: unknown[] };

/**
 * The document moved onto a problem's scenario: the problem's load and targets, and its user groups as client
 * nodes (the document's first client becomes the first group, so its edges keep working).
 */
export async function onProblem<T extends Doc>(slug: string, doc: T): Promise<T> {
  const problem = await getProblem(slug);
  if (!problem) throw new Error(`no problem ${slug}`);
  const copy = structuredClone(doc);
  copy.scenario = structuredClone(problem.scenario);
  const first = copy.nodes.findIndex((n) => n.kind === "client");
  const [head, ...rest] = problem.clients;
  if (first < 0 || !head) throw new Error("the document needs a client");
  copy.nodes[first] = { ...copy.nodes[first]!, region: head.region, props: { share: head.share, platform: head.platform } };
  rest.forEach((c, i) => copy.nodes.push({ id: `users-${i + 1}`, kind: "client", region: c.region, props: { share: c.share, platform: c.platform } }));
  return copy;
}

/** The DesignError a call is refused with (the test fails if it succeeds or throws anything else). */
export const refusal = (run: () => Promise<unknown>) => refusedWith(run, DesignError);

/** A thin design on a problem's scenario: its user groups call one small app server in us-east. */
export async function oneBox(slug: string, replicas = 1) {
  const p = await getProblem(slug);
  if (!p) throw new Error(`no problem ${slug}`);
  const clients = p.clients.map((c, i) => ({ id: `users-${i}`, kind: "client", region: c.region, props: { share: c.share, platform: c.platform } }));
  return {
    version: 1,
    name: "One box",
    scenario: structuredClone(p.scenario),
    nodes: [...clients, { id: "app", kind: "service", label: "App server", region: "us-east", props: { replicas, serviceTimeMs: 5, concurrency: 16 } }],
    edges: clients.map((c, i) => ({ id: `e${i}`, from: c.id, to: "app" })),
  };
}
