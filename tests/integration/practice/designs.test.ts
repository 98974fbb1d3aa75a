import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { MODEL_VERSION } from "@/lib/core/evaluator";
import { getProblem, listProblems } from "@/lib/server/designs/problems";
import {
  bestScoresByProblem,
  createDesign,
  deleteDesign,
  DesignError,
  duplicateDesign,
  enableShare,
  evaluateAndStore,
  finishMock,
  getDesign,
  getEvaluation,
  getSharedDesign,
  listDesigns,
  listEvaluations,
  renameDesign,
  rescoreEvaluation,
  revokeShare,
  saveDesignDocument,
  startMock,
} from "@/lib/server/designs/service";
import { makeUser, onProblem } from "./helpers";

const threeTier = {
  version: 1,
  name: "Three tier",
  scenario: { rps: 1000, readRatio: 0.9, targets: { p99Ms: 300, availability: 0.999 } },
  nodes: [
    { id: "browser", kind: "client", region: "us-east" },
    { id: "lb", kind: "load_balancer", region: "us-east", props: { tlsTermination: true, http: "2" } },
    { id: "api", kind: "service", region: "us-east", props: { replicas: 2 } },
    { id: "db", kind: "database", region: "us-east", zone: "data" },
  ],
  edges: [
    { id: "e1", from: "browser", to: "lb" },
    { id: "e2", from: "lb", to: "api" },
    { id: "e3", from: "api", to: "db" },
  ],
};

function withHealthChecksAndTimeouts() {
  const doc = structuredClone(threeTier) as unknown as { nodes: { id: string; kind: string; props?: Record<string, unknown> }[]; edges: { props?: Record<string, unknown> }[] };
  doc.nodes[1]!.props = { ...doc.nodes[1]!.props, healthCheck: { enabled: true, intervalSeconds: 5, unhealthyThreshold: 2 } };
  doc.edges[1]!.props = { keepAlive: true, timeoutMs: 1000 };
  doc.edges[2]!.props = { keepAlive: true, timeoutMs: 300, poolSize: 20 };
  return doc;
}

let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  alice = await makeUser("alice");
  bob = await makeUser("bob");
});

describe("problems are seeded from content/problems", () => {
  it("lists at least eight problems and returns a full one by slug", async () => {
    const problems = await listProblems();
    expect(problems.length).toBeGreaterThanOrEqual(8);
    const shortener = await getProblem("url-shortener");
    expect(shortener?.title).toBe("URL shortener");
    expect(shortener?.hints.length).toBeGreaterThan(0);
    expect(await getProblem("no-such-problem")).toBeNull();
  });
});

describe("saving designs", () => {
  it("creates, autosaves, renames and duplicates a design", async () => {
    const onShortener = await onProblem("url-shortener", threeTier);
    const created = await createDesign(alice.id, { name: "My shortener", problemId: "url-shortener", document: onShortener });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const next = { ...onShortener, name: "Renamed inside" };
    const saved = await saveDesignDocument(alice.id, created.id, next);
    expect(saved.ok).toBe(true);
    const view = await getDesign(alice.id, created.id);
    expect(view?.document.name).toBe("Renamed inside");
    expect(view?.problemTitle).toBe("URL shortener");

    await renameDesign(alice.id, created.id, "Shortener v2");
    const copy = await duplicateDesign(alice.id, created.id);
    const list = await listDesigns(alice.id);
    expect(list.map((d) => d.name)).toEqual(expect.arrayContaining(["Shortener v2", "Shortener v2 (copy)"]));
    expect(list.find((d) => d.id === copy.id)?.evaluationCount).toBe(0);
  });

  it("refuses an invalid document with the evaluator's paths and stores nothing", async () => {
    const before = await db.design.count({ where: { userId: alice.id } });
    const bad = { ...threeTier, edges: [...threeTier.edges, { id: "e4", from: "api", to: "ghost" }] };
    const created = await createDesign(alice.id, { name: "Broken", document: bad });
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.errors.map((e) => e.path)).toContain("edges[3].to");
    expect(await db.design.count({ where: { userId: alice.id } })).toBe(before);
  });

  it("refuses an oversized document (more than 2,000 nodes)", async () => {
    const nodes = Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, kind: "service" }));
    const created = await createDesign(alice.id, { name: "Huge", document: { version: 1, name: "Huge", nodes, edges: [] } });
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.errors[0]?.path).toBe("nodes");
  });

  it("an invalid autosave leaves the stored document untouched", async () => {
    const created = await createDesign(alice.id, { name: "Keep me", document: threeTier });
    if (!created.ok) throw new Error("setup failed");
    const result = await saveDesignDocument(alice.id, created.id, { ...threeTier, nodes: [{ id: "x", kind: "teleporter" }] });
    expect(result.ok).toBe(false);
    const view = await getDesign(alice.id, created.id);
    expect(view?.document.nodes).toHaveLength(4);
  });

  it("deletes a design with its evaluations", async () => {
    const created = await createDesign(alice.id, { name: "Doomed", document: threeTier });
    if (!created.ok) throw new Error("setup failed");
    await evaluateAndStore(alice.id, created.id);
    await deleteDesign(alice.id, created.id);
    expect(await getDesign(alice.id, created.id)).toBeNull();
    expect(await db.evaluation.count({ where: { designId: created.id } })).toBe(0);
  });
});

describe("evaluations history", () => {
  it("stores every evaluation with document, result, model version and seed, and reports what moved", async () => {
    const created = await createDesign(alice.id, { name: "History", problemId: "request-journey", document: await onProblem("request-journey", threeTier) });
    if (!created.ok) throw new Error("setup failed");
    const first = await evaluateAndStore(alice.id, created.id);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.previous).toBeNull();
    expect(first.evaluation.modelVersion).toBe(MODEL_VERSION);
    expect(first.evaluation.result.findings.map((f) => f.id)).toContain("no-health-check");

    const second = await evaluateAndStore(alice.id, created.id, await onProblem("request-journey", withHealthChecksAndTimeouts()));
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.previous?.id).toBe(first.evaluation.id);
    expect(second.evaluation.score).toBeGreaterThan(first.evaluation.score);

    const history = await listEvaluations(alice.id, created.id);
    expect(history.map((h) => h.id)).toEqual([second.evaluation.id, first.evaluation.id]);
    const rows = await db.evaluation.findMany({ where: { designId: created.id } });
    expect(rows.every((r) => r.modelVersion === MODEL_VERSION && r.seed === 1)).toBe(true);
    const stored = await getEvaluation(alice.id, first.evaluation.id);
    expect((stored?.document as { edges: { props?: unknown }[] }).edges[1]?.props).toBeUndefined();

    const rescored = await rescoreEvaluation(alice.id, first.evaluation.id);
    expect(rescored.ok).toBe(true);
    if (rescored.ok) expect(rescored.current.score).toBe(first.evaluation.score);
    expect(await db.evaluation.count({ where: { designId: created.id } })).toBe(2);

    const best = await bestScoresByProblem(alice.id);
    expect(best["request-journey"]).toBe(second.evaluation.score);
  });

  it("an invalid document sent for evaluation stores neither the document nor an evaluation", async () => {
    const created = await createDesign(alice.id, { name: "Eval invalid", document: threeTier });
    if (!created.ok) throw new Error("setup failed");
    const outcome = await evaluateAndStore(alice.id, created.id, { ...threeTier, scenario: { readRatio: 1.5 } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.path)).toContain("scenario.readRatio");
    expect(await db.evaluation.count({ where: { designId: created.id } })).toBe(0);
    expect((await getDesign(alice.id, created.id))?.document.scenario?.readRatio).toBe(0.9);
  });
});

describe("access control", () => {
  it("treats another user's design exactly like a missing one", async () => {
    const created = await createDesign(alice.id, { name: "Private", document: threeTier });
    if (!created.ok) throw new Error("setup failed");
    const evaluated = await evaluateAndStore(alice.id, created.id);
    if (!evaluated.ok) throw new Error("setup failed");

    expect(await getDesign(bob.id, created.id)).toBeNull();
    expect(await getEvaluation(bob.id, evaluated.evaluation.id)).toBeNull();
    const attempts = [
      () => saveDesignDocument(bob.id, created.id, threeTier),
      () => renameDesign(bob.id, created.id, "Stolen"),
      () => duplicateDesign(bob.id, created.id),
      () => deleteDesign(bob.id, created.id),
      () => evaluateAndStore(bob.id, created.id),
      () => listEvaluations(bob.id, created.id),
      () => enableShare(bob.id, created.id),
      () => revokeShare(bob.id, created.id),
      () => rescoreEvaluation(bob.id, evaluated.evaluation.id),
      () => finishMock(bob.id, created.id),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DesignError);
      expect((error as DesignError).status).toBe(404);
    }
    const missing = await saveDesignDocument(bob.id, "does-not-exist", threeTier).catch((e: unknown) => e);
    const foreign = await renameDesign(bob.id, created.id, "x").catch((e: unknown) => e);
    expect((missing as DesignError).message).toBe((foreign as DesignError).message);
    const view = await getDesign(alice.id, created.id);
    expect(view?.name).toBe("Private");
    expect(await listDesigns(bob.id)).toEqual([]);
  });
});

describe("share links", () => {
  it("shares read-only and a revoked link stops resolving", async () => {
    const created = await createDesign(alice.id, { name: "Shared", document: threeTier });
    if (!created.ok) throw new Error("setup failed");
    await evaluateAndStore(alice.id, created.id);
    const { token } = await enableShare(alice.id, created.id);
    expect((await enableShare(alice.id, created.id)).token).toBe(token);
    const shared = await getSharedDesign(token);
    expect(shared?.name).toBe("Shared");
    expect(shared?.latest?.score).toBeGreaterThan(0);
    expect(shared && "id" in shared).toBe(false);

    await revokeShare(alice.id, created.id);
    expect(await getSharedDesign(token)).toBeNull();
    expect(await getSharedDesign("x")).toBeNull();
    const again = await enableShare(alice.id, created.id);
    expect(again.token).not.toBe(token);
  });
});

describe("mock interviews", () => {
  it("locks the design at the deadline, scores it once and refuses later edits", async () => {
    const start = new Date("2026-01-01T10:00:00Z");
    const { id, deadline } = await startMock(alice.id, "url-shortener", 5, { now: start });
    expect(deadline).toBe("2026-01-01T10:05:00.000Z");

    const during = new Date("2026-01-01T10:04:00Z");
    const onShortener = await onProblem("url-shortener", threeTier);
    expect((await saveDesignDocument(alice.id, id, onShortener, { now: during })).ok).toBe(true);

    const after = new Date("2026-01-01T10:05:01Z");
    const refused = await saveDesignDocument(alice.id, id, { ...onShortener, name: "too late" }, { now: after }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DesignError);
    expect((refused as DesignError).status).toBe(409);

    // Noticed a day later, it still ended at the deadline.
    const view = await getDesign(alice.id, id, { now: new Date("2026-01-02T10:05:01Z") });
    expect(view?.lockedAt).toBe(deadline);
    expect(view?.document.name).toBe("Three tier");
    expect(view?.latest?.document.name).toBe("Three tier");
    expect(await db.evaluation.count({ where: { designId: id } })).toBe(1);

    const evalRefused = await evaluateAndStore(alice.id, id, threeTier, { now: after }).catch((e: unknown) => e);
    expect((evalRefused as DesignError).status).toBe(409);
    const secondFinish = await finishMock(alice.id, id, { now: after });
    expect(secondFinish.evaluation).toBeNull();
    expect(await db.evaluation.count({ where: { designId: id } })).toBe(1);
  });

  it("refuses to start a mock for a problem that does not exist", async () => {
    const error = await startMock(alice.id, "no-such-problem", 45).catch((e: unknown) => e);
    expect((error as DesignError).status).toBe(404);
  });
});

describe("seeding problems", () => {
  it("is idempotent: a second run writes nothing", async () => {
    const { seedProblems } = await import("../../../scripts/lib/seed-problems");
    const before = await db.problem.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const messages: string[] = [];
    await seedProblems(db, (m) => messages.push(m));
    expect(messages).toEqual(["Practice problems already up to date."]);
    const after = await db.problem.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
  });

  it("restores a problem whose stored copy differs from its file", async () => {
    const { seedProblems } = await import("../../../scripts/lib/seed-problems");
    await db.problem.update({ where: { id: "rate-limiter" }, data: { title: "Edited by hand" } });
    const messages: string[] = [];
    await seedProblems(db, (m) => messages.push(m));
    expect(messages).toEqual(["Seeded 1 practice problem(s)."]);
    expect((await db.problem.findUnique({ where: { id: "rate-limiter" } }))?.title).toBe("Rate-limiter service");
  });
});
