import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getProblem } from "@/lib/server/designs/problems";
import {
  bestScoresByProblem,
  createDesign,
  createWhatIf,
  evaluateAndStore,
  finishMock,
  getDesign,
  saveDesignDocument,
  startMock,
} from "@/lib/server/designs/service";
import { makeUser, refusal } from "./helpers";

// The problem fixes the scenario; only what-if copies may change it, and they never count.

let user: { id: string };
beforeAll(async () => {
  user = await makeUser("integrity");
});

async function reference(slug: string) {
  const problem = await getProblem(slug);
  if (!problem) throw new Error("no problem");
  return structuredClone(problem.reference) as {
    scenario: { rps: number; targets: { p99Ms: number; availability: number } };
    nodes: { id: string; kind: string; region?: string; props?: Record<string, unknown> }[];
    edges: { from: string; to: string }[];
  };
}


describe("a problem's scenario is enforced on the server", () => {
  it("refuses a lighter load, a looser target and a missing user group with 400 naming the field, and saves nothing", async () => {
    const honest = await reference("url-shortener");
    const created = await createDesign(user.id, { name: "Honest", problemId: "url-shortener", document: honest });
    if (!created.ok) throw new Error("setup failed");

    const lighter = structuredClone(honest);
    lighter.scenario.rps = 50;
    const e1 = await refusal(() => saveDesignDocument(user.id, created.id, lighter));
    expect(e1.status).toBe(400);
    expect(e1.message).toMatch(/^scenario\.rps /);

    const looser = structuredClone(honest);
    looser.scenario.targets.p99Ms = 5000;
    const e2 = await refusal(() => evaluateAndStore(user.id, created.id, looser));
    expect(e2.status).toBe(400);
    expect(e2.message).toMatch(/^scenario\.targets\.p99Ms /);

    const fewerUsers = structuredClone(honest);
    fewerUsers.nodes = fewerUsers.nodes.filter((n) => n.id !== "visitors-eu");
    fewerUsers.edges = fewerUsers.edges.filter((e) => e.from !== "visitors-eu" && e.to !== "visitors-eu");
    const e3 = await refusal(() => saveDesignDocument(user.id, created.id, fewerUsers));
    expect(e3.message).toMatch(/^nodes: .*Europe West/);

    const moved = structuredClone(honest);
    moved.nodes.find((n) => n.id === "visitors-eu")!.region = "us-east";
    const e4 = await refusal(() => saveDesignDocument(user.id, created.id, moved));
    expect(e4.message).toMatch(/^nodes\[\d+\] /);

    expect(await db.evaluation.count({ where: { designId: created.id } })).toBe(0);
    expect((await getDesign(user.id, created.id))?.document.scenario?.rps).toBe(honest.scenario.rps);

    const e5 = await refusal(() => createDesign(user.id, { name: "Tampered from the start", problemId: "url-shortener", document: lighter }));
    expect(e5.status).toBe(400);
  });

  it("a what-if copy may change the scenario, is scored, and never counts toward the best score", async () => {
    const honest = await reference("rate-limiter");
    // A weaker design than the reference: one replica of everything.
    for (const n of honest.nodes) if (n.props && "replicas" in n.props) n.props.replicas = 1;
    const created = await createDesign(user.id, { name: "Limiter", problemId: "rate-limiter", document: honest });
    if (!created.ok) throw new Error("setup failed");
    const real = await evaluateAndStore(user.id, created.id);
    if (!real.ok) throw new Error("setup failed");

    const copy = await createWhatIf(user.id, created.id);
    const easier = structuredClone(honest);
    easier.scenario.rps = 10;
    easier.scenario.targets.p99Ms = 10_000;
    const explored = await evaluateAndStore(user.id, copy.id, easier);
    expect(explored.ok).toBe(true);
    if (!explored.ok) return;
    expect(explored.evaluation.score).toBeGreaterThan(real.evaluation.score);
    expect((await getDesign(user.id, copy.id))?.whatIf).toBe(true);

    const best = await bestScoresByProblem(user.id);
    expect(best["rate-limiter"]).toBe(real.evaluation.score);
  });

  it("an evaluation stored under a tampered scenario before enforcement does not count either", async () => {
    const honest = await reference("chat-websockets");
    const created = await createDesign(user.id, { name: "Chat", problemId: "chat-websockets", document: honest });
    if (!created.ok) throw new Error("setup failed");
    const real = await evaluateAndStore(user.id, created.id);
    if (!real.ok) throw new Error("setup failed");
    const legacy = structuredClone(honest);
    legacy.scenario.rps = 1;
    await db.evaluation.create({
      data: { designId: created.id, document: legacy as unknown as Prisma.InputJsonValue, result: real.evaluation.result, score: 100, grade: "A", modelVersion: "old", seed: 1 },
    });
    expect((await bestScoresByProblem(user.id))["chat-websockets"]).toBe(real.evaluation.score);
  });

  it("a mock attempt cannot be scored under a tampered scenario, even one written straight into the row", async () => {
    const start = new Date("2026-02-01T10:00:00Z");
    const { id } = await startMock(user.id, "news-feed-fanout", 5, { now: start });
    const tampered = await reference("news-feed-fanout");
    tampered.scenario.rps = 1;
    const e = await refusal(() => saveDesignDocument(user.id, id, tampered, { now: start }));
    expect(e.status).toBe(400);
    await db.design.update({ where: { id }, data: { data: tampered as unknown as Prisma.InputJsonValue } });
    const finished = await finishMock(user.id, id, { now: new Date("2026-02-01T10:06:00Z") });
    expect(finished.evaluation).toBeNull();
    expect((await bestScoresByProblem(user.id))["news-feed-fanout"]).toBeUndefined();
    const copyOfMock = await createWhatIf(user.id, id);
    expect((await getDesign(user.id, copyOfMock.id))?.mockDeadline).toBeNull();
  });
});
