import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { createProblem as createProblemAction } from "@/lib/actions/problem-create";
import { evaluateDesign } from "@/lib/core/evaluator";
import { applyRubric, REQUIRED_ITEM_CAP } from "@/lib/core/canvas/rubric";
import type { EvaluationResult } from "@/lib/core/evaluator";
import { estimatesInput } from "@/lib/schemas/interview";
import { problemSchema, type Problem } from "@/lib/schemas/problem";
import { getProblem } from "@/lib/server/designs/problems";
import { getInterview, submitDesignStage, submitEstimates, submitFollowUp, submitRequirements } from "@/lib/server/designs/interview";
import { createDesign } from "@/lib/server/designs/service";
import { runAction } from "@/lib/server/kernel/action";
import { createProblem, setProblemStatus } from "@/lib/server/problems/authoring";
import { browserHeaders, makeActor } from "../kernel/helpers";
import { makeUser, oneBox } from "./helpers";
import { evaluationResultSchema } from "@/lib/schemas/evaluation-result";

const uid = () => randomBytes(4).toString("hex");

/** Requirements and estimates answered, so the design stage is open. */
async function throughEstimates(userId: string, designId: string, p: Problem) {
  await submitRequirements(userId, { designId, picks: p.requirements.filter((r) => r.relevant).map((r) => ({ key: r.key, justification: "the brief asks for it" })) });
  const a = p.estimates.answers;
  await submitEstimates(
    userId,
    estimatesInput.parse({
      designId,
      values: { qps: String(a.qps.value), peakQps: String(a.peakQps.value), storagePerYearGb: String(a.storagePerYearGb.value), bandwidthMbps: String(a.bandwidthMbps.value), cacheGb: String(a.cacheGb.value) },
    }),
  );
}

async function storedResult(evaluationId: string): Promise<EvaluationResult> {
  const row = await db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
  return evaluationResultSchema.parse(row.result);
}

describe("a problem's rubric on the server", () => {
  it("weights and a failed required item score the design stage and the follow-up rounds; the stored evaluation keeps the evaluator's score", async () => {
    const author = await makeActor("INSTRUCTOR");
    const candidate = await makeUser("rubric");
    const base = await getProblem("url-shortener");
    if (!base) throw new Error("the seeded url-shortener problem is missing");
    const doc = await oneBox("url-shortener", 4);
    const plain = evaluateDesign(doc, { seed: 1 });
    if (!plain.ok) throw new Error("one box does not evaluate");
    const failing = plain.result.checklist.find((i) => i.status === "fail");
    expect(failing, "the one-box design fails some checklist item").toBeDefined();

    const rubric = { weights: { latency: 55, reliability: 5, capacity: 20, security: 10, checklist: 10 }, required: [failing!.id] };
    const p = problemSchema.parse({ ...structuredClone(base), slug: `rubric-${uid()}`, title: "Link shortener with a rubric", rubric });
    await createProblem(author, p);
    await setProblemStatus(author, p.slug, "publish", 1);

    const made = await createDesign(candidate.id, { name: "rubric attempt", problemId: p.slug, document: doc });
    if (!made.ok) throw new Error("design refused");
    await throughEstimates(candidate.id, made.id, p);

    const design = await submitDesignStage(candidate.id, made.id);
    const result = await storedResult(design.feedback.evaluationId);
    const expected = applyRubric(result, rubric);
    expect(design.score).toBe(expected.score);
    expect(design.score).toBeLessThanOrEqual(REQUIRED_ITEM_CAP);
    expect(design.passed).toBe(false);
    expect(design.feedback.rubric?.weighted).toBe(true);
    expect(design.feedback.rubric?.cap?.href).toMatch(/^\/learn\/[a-z-]+#[a-z0-9-]+$/);
    expect(design.feedback.rubric?.cap?.reason).toMatch(/This problem requires “.+”/);
    // The evaluation itself is the evaluator's, unchanged: the rubric belongs to the interview stage.
    const evaluation = await db.evaluation.findUniqueOrThrow({ where: { id: design.feedback.evaluationId } });
    expect(evaluation.score).toBe(result.score);

    // The page reads the same stored stage back.
    const view = await getInterview(candidate.id, made.id, (await getProblem(p.slug))!);
    expect(view?.design.submitted?.score).toBe(design.score);
    expect(view?.design.submitted?.feedback.rubric?.required[0]?.status).toBe("fail");

    const round = await submitFollowUp(candidate.id, made.id, p.followUps[0]!.key);
    expect(round.feedback.rubric?.requiredMet).toBe(false);
    expect(round.passed).toBe(false);
    expect(round.score).toBeLessThanOrEqual(REQUIRED_ITEM_CAP);
    expect(round.score).toBe(round.feedback.rubric?.score);
  });

  it("a problem without a rubric scores the design stage exactly as the evaluator does", async () => {
    const candidate = await makeUser("norubric");
    const p = (await getProblem("url-shortener"))!;
    expect(p.rubric).toBeUndefined();
    const made = await createDesign(candidate.id, { name: "plain attempt", problemId: p.slug, document: await oneBox("url-shortener", 4) });
    if (!made.ok) throw new Error("design refused");
    await throughEstimates(candidate.id, made.id, p);
    const design = await submitDesignStage(candidate.id, made.id);
    const evaluation = await db.evaluation.findUniqueOrThrow({ where: { id: design.feedback.evaluationId } });
    expect(design.score).toBe(evaluation.score);
    expect(design.feedback.rubric?.weighted).toBe(false);
    expect(design.feedback.rubric?.cap).toBeNull();
  });

  it("bad rubric values are a 400 naming the field, and nothing is saved", async () => {
    const actor = await makeActor("INSTRUCTOR");
    const ctx = { headers: browserHeaders(), actor };
    const base = (await getProblem("url-shortener"))!;
    const slug = `rubric-bad-${uid()}`;
    const cases: [unknown, string][] = [
      [{ weights: { latency: 50, reliability: 30, capacity: 10, security: 10, checklist: 10 } }, "problem.rubric.weights"],
      [{ weights: { latency: "heavy", reliability: 30, capacity: 10, security: 10, checklist: 10 } }, "problem.rubric.weights.latency"],
      [{ required: ["edge-tls", "be-nice"] }, "problem.rubric.required[1]"],
    ];
    for (const [rubric, path] of cases) {
      const refused = await runAction(createProblemAction.definition, { problem: { ...structuredClone(base), slug, rubric } }, ctx);
      expect(refused.ok).toBe(false);
      if (refused.ok) continue;
      expect(refused.status).toBe(400);
      expect(refused.fieldErrors?.map((f) => f.path)).toContain(path);
    }
    expect(await db.problem.findUnique({ where: { id: slug } })).toBeNull();
  });
});
