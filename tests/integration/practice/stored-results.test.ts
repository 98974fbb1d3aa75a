import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createDesign, DesignError, evaluateAndStore, getDesign, getEvaluation, listEvaluations } from "@/lib/server/designs/service";
import { makeUser } from "./helpers";

// Stored results are parsed on the way out, never cast: one written by an older model either still reads (fields
// added since take their defaults) or is reported as needing a re-score, and the design still opens.

const doc = {
  version: 1,
  name: "Two tier",
  nodes: [
    { id: "browser", kind: "client", region: "us-east" },
    { id: "api", kind: "service", region: "us-east" },
    { id: "db", kind: "database", region: "us-east", zone: "data" },
  ],
  edges: [
    { id: "e1", from: "browser", to: "api" },
    { id: "e2", from: "api", to: "db" },
  ],
};

let user: { id: string };
beforeAll(async () => {
  user = await makeUser("stored-results");
});

async function storeOld(designId: string, result: unknown, modelVersion: string) {
  return db.evaluation.create({
    data: { designId, document: doc, result: result as Prisma.InputJsonValue, score: 50, grade: "C", modelVersion, seed: 1 },
    select: { id: true },
  });
}

async function freshDesign() {
  const created = await createDesign(user.id, { name: "Old results", document: doc });
  if (!created.ok) throw new Error("setup failed");
  const scored = await evaluateAndStore(user.id, created.id);
  if (!scored.ok) throw new Error("setup failed");
  return { id: created.id, result: structuredClone(scored.evaluation.result) };
}

describe("results stored by older models", () => {
  it("a 2.1 result (no latency.exact) still reads, with exact = false", async () => {
    const { id, result } = await freshDesign();
    const { exact: _, ...latency } = result.latency;
    const old = await storeOld(id, { ...result, latency }, "2.1.0");
    const stored = await getEvaluation(user.id, old.id);
    expect(stored?.result.latency.exact).toBe(false);
    expect((await getDesign(user.id, id))?.latest?.id).toBe(old.id);
  });

  it("a result from before per-group waterfalls is reported as needing a re-score, and the design still opens", async () => {
    const { id, result } = await freshDesign();
    const clients = result.latency.clients.map(({ breakdown: _, ...c }) => c);
    const old = await storeOld(id, { ...result, latency: { ...result.latency, clients } }, "2.0.0");

    const design = await getDesign(user.id, id);
    expect(design?.latest).toBeNull();
    expect(design?.latestNeedsRescore).toMatch(/model 2\.0\.0.*evaluate the design again/);
    // The history row still lists, from the figures every stored result carries.
    const history = await listEvaluations(user.id, id);
    expect(history[0]).toMatchObject({ id: old.id, modelVersion: "2.0.0", p99Ms: result.latency.p99Ms });
    // Opening that one evaluation is a 409 that says so, not a crash.
    const refused = await getEvaluation(user.id, old.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DesignError);
    expect((refused as DesignError).status).toBe(409);
    expect((refused as DesignError).message).toMatch(/model 2\.0\.0/);
  });

  it("a stored design document that no longer fits the format is refused by field (409), not cast", async () => {
    const { id } = await freshDesign();
    await db.design.update({ where: { id }, data: { data: { ...doc, nodes: [{ id: "x", kind: "teapot" }] } } });
    const refused = await getDesign(user.id, id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DesignError);
    expect((refused as DesignError).status).toBe(409);
    expect((refused as DesignError).message).toMatch(/^nodes\.0/);
  });
});
