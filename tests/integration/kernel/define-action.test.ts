import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDesign } from "@/lib/actions/create-design";
import { answerReviewCard } from "@/lib/actions/answer-review";
import { renameDesign } from "@/lib/actions/rename-design";
import { updateQuestion } from "@/lib/actions/update-question";
import { db } from "@/lib/server/kernel/db";
import { runAction, type ActionResult } from "@/lib/server/kernel/action";
import { browserHeaders, deeplyNested, makeActor } from "./helpers";

// The real actions' grant, schema and handler, driven through the real wrapper with real users in Postgres;
// only the request (headers, signed-in actor) is supplied by the test instead of by Next.

const example = JSON.parse(readFileSync("lib/core/evaluator/examples/single-server.json", "utf8")) as Record<string, unknown>;

const failed = (r: ActionResult<unknown>) => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r;
};

describe("defineAction", () => {
  it("refuses the signed-out with 401 and the wrong role with 403, before the handler runs", async () => {
    const candidate = await makeActor("CANDIDATE");
    const input = { id: "dns/x", baseVersion: 1, question: {} };
    expect(failed(await runAction(updateQuestion.definition, input, { headers: browserHeaders(), actor: null })).status).toBe(401);
    expect(failed(await runAction(updateQuestion.definition, input, { headers: browserHeaders(), actor: candidate })).status).toBe(403);
  });

  it("refuses a call without Origin, with a foreign Origin, or marked cross-site with 403", async () => {
    const actor = await makeActor();
    const input = { name: "csrf", document: { version: 1, name: "x", nodes: [], edges: [] } };
    const noOrigin = browserHeaders();
    noOrigin.delete("origin");
    for (const headers of [noOrigin, browserHeaders({ origin: "https://evil.example" }), browserHeaders({ "sec-fetch-site": "cross-site" })]) {
      expect(failed(await runAction(createDesign.definition, input, { headers, actor })).status).toBe(403);
    }
    expect(await db.design.count({ where: { userId: actor.id } })).toBe(0);
  });

  it("answers NUL bytes, deep nesting, shared objects and oversized input with a 4xx naming the field; nothing is stored", async () => {
    const actor = await makeActor();
    const doc = { version: 1, name: "x", nodes: [], edges: [] };
    const ctx = { headers: browserHeaders(), actor };
    const nul = failed(await runAction(createDesign.definition, { name: "a\u0000b", document: doc }, ctx));
    expect([nul.status, nul.field]).toEqual([400, "name"]);
    const deep = failed(await runAction(createDesign.definition, { name: "deep", document: deeplyNested(5000) }, ctx));
    expect(deep.status).toBe(400);
    expect(deep.field).toMatch(/^document(\.a)+$/);
    const shared = { x: 1 };
    expect(failed(await runAction(createDesign.definition, { name: "dag", document: { a: shared, b: shared } }, ctx)).status).toBe(400);
    const big = failed(await runAction(createDesign.definition, { name: "big", document: { ...doc, name: "x".repeat(1_100_000) } }, ctx));
    expect([big.status, big.field]).toEqual([413, "body"]);
    expect(await db.design.count({ where: { userId: actor.id } })).toBe(0);
  });

  it("refuses a version of 2^31 or more with 400 naming it (Postgres integer columns stop at 2^31 − 1)", async () => {
    const instructor = await makeActor("INSTRUCTOR");
    const review = failed(await runAction(answerReviewCard.definition, { questionId: "dns/x", version: 2 ** 31, response: {} }, { headers: browserHeaders(), actor: instructor }));
    expect([review.status, review.field]).toEqual([400, "version"]);
    const update = failed(await runAction(updateQuestion.definition, { id: "dns/xyz", baseVersion: 2 ** 31, question: {} }, { headers: browserHeaders(), actor: instructor }));
    expect(update.fieldErrors?.map((f) => f.path)).toContain("baseVersion");
  });

  it("maps a service's AppError to its status, and passes a valid call through", async () => {
    const actor = await makeActor();
    const ctx = { headers: browserHeaders(), actor };
    const missing = failed(await runAction(renameDesign.definition, { designId: "no-such-design", name: "n" }, ctx));
    expect(missing.status).toBe(404);
    const created = await runAction(createDesign.definition, { name: "ok", document: example }, ctx);
    expect(created.ok).toBe(true);
    expect(await db.design.count({ where: { userId: actor.id } })).toBe(1);
  });
});
