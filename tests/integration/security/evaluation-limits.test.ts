import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDesign } from "@/lib/actions/create-design";
import { evaluateSavedDesign } from "@/lib/actions/evaluate-design";
import { finishMockDesign } from "@/lib/actions/finish-mock-design";
import { rescoreEvaluation } from "@/lib/actions/rescore-evaluation";
import { saveDesign } from "@/lib/actions/save-design";
import { db } from "@/lib/server/kernel/db";
import { runAction, type ActionResult } from "@/lib/server/kernel/action";
import { hit, limitFor, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { browserHeaders, makeActor } from "../kernel/helpers";

// Issue #14: `rescoreEvaluation` had no limit (70 of 70 accepted). Every action that scores a design now counts
// against the per-user evaluation limit, and autosave against its own: driven through the real actions.

const example = JSON.parse(readFileSync("lib/core/evaluator/examples/single-server.json", "utf8")) as Record<string, unknown>;

const data = <T>(r: ActionResult<T>): T => {
  if (!r.ok) throw new Error(`expected success, got ${r.status} ${r.error}`);
  return r.data;
};

async function fill(rule: (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS], subject: string) {
  for (let i = 0; i < limitFor(rule); i++) await hit(rule, subject);
}

describe("limits on every evaluation entry point", () => {
  it("re-score, evaluate and hand-in answer 429 once the user's evaluation window is full; autosave has its own", async () => {
    const actor = await makeActor();
    const ctx = { headers: browserHeaders(), actor };
    const created = data(await runAction(createDesign.definition, { name: "limits", document: example }, ctx)) as { id: string };
    const evaluated = data(await runAction(evaluateSavedDesign.definition, { designId: created.id }, ctx)) as { ok: true; evaluation: { id: string } };
    const evaluationId = evaluated.evaluation.id;
    expect(data(await runAction(rescoreEvaluation.definition, { evaluationId }, ctx))).toBeTruthy();

    await fill(RATE_LIMITS.evaluatePerUser, actor.id);
    const before = await db.evaluation.count({ where: { design: { userId: actor.id } } });
    for (const result of [
      await runAction(rescoreEvaluation.definition, { evaluationId }, ctx),
      await runAction(evaluateSavedDesign.definition, { designId: created.id }, ctx),
      await runAction(finishMockDesign.definition, { designId: created.id }, ctx),
    ]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.status).toBe(429);
    }
    expect(await db.evaluation.count({ where: { design: { userId: actor.id } } })).toBe(before);

    // Autosave is not an evaluation: it still works until its own window fills.
    expect((await runAction(saveDesign.definition, { designId: created.id, document: example }, ctx)).ok).toBe(true);
    await fill(RATE_LIMITS.designSavePerUser, actor.id);
    const saved = await runAction(saveDesign.definition, { designId: created.id, document: example }, ctx);
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.status).toBe(429);
  });
});
