import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { estimatesInput } from "@/lib/schemas/interview";
import { getProblem } from "@/lib/server/designs/problems";
import {
  finishInterview,
  getInterview,
  getReferenceComparison,
  submitDesignStage,
  submitEstimates,
  submitFollowUp,
  submitRequirements,
} from "@/lib/server/designs/interview";
import { createDesign, createWhatIf, saveDesignDocument } from "@/lib/server/designs/service";
import { makeUser, oneBox, refusal } from "./helpers";

let user: { id: string };
beforeAll(async () => {
  user = await makeUser("interview");
});


const problemOf = async (slug: string) => {
  const p = await getProblem(slug);
  if (!p) throw new Error("no problem");
  return p;
};

describe("the interview, stage by stage", () => {
  it("walks requirements → estimates → design → follow-ups → reference, in order, scored on the server", async () => {
    const p = await problemOf("url-shortener");
    const created = await createDesign(user.id, { name: "Interview", problemId: "url-shortener", document: await oneBox("url-shortener") });
    if (!created.ok) throw new Error("setup failed");
    const id = created.id;

    // Out of order: nothing is stored.
    expect((await refusal(() => submitEstimates(user.id, estimatesInput.parse({ designId: id, values: { qps: "1", peakQps: "1", storagePerYearGb: "1", bandwidthMbps: "1", cacheGb: "1" } })))).status).toBe(409);
    expect((await refusal(() => submitDesignStage(user.id, id))).status).toBe(409);
    expect((await refusal(() => submitFollowUp(user.id, id, p.followUps[0]!.key))).status).toBe(409);
    expect(await db.interviewStage.count({ where: { designId: id } })).toBe(0);

    // The page never sees which requirements are relevant, nor the estimate answers, before answering.
    const fresh = await getInterview(user.id, id, p);
    expect(JSON.stringify(fresh)).not.toMatch(/"relevant"|"working"|"why"/);
    expect(fresh?.next).toBe("requirements");

    const unknown = await refusal(() => submitRequirements(user.id, { designId: id, picks: [{ key: "not-a-requirement", justification: "some reason here" }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toMatch(/^picks\[0\]\.key/);
    expect(await db.interviewStage.count({ where: { designId: id } })).toBe(0);

    const relevant = p.requirements.filter((r) => r.relevant).map((r) => ({ key: r.key, justification: "the brief asks for it directly" }));
    const req = await submitRequirements(user.id, { designId: id, picks: relevant });
    expect(req.score).toBe(req.maxScore);
    expect((await refusal(() => submitRequirements(user.id, { designId: id, picks: relevant }))).status).toBe(409);

    const a = p.estimates.answers;
    const est = await submitEstimates(
      user.id,
      estimatesInput.parse({ designId: id, values: { qps: String(a.qps.value * 2), peakQps: String(a.peakQps.value), storagePerYearGb: String(a.storagePerYearGb.value * 20), bandwidthMbps: "21", cacheGb: "50" } }),
    );
    expect(est.feedback.items.find((i) => i.field === "storagePerYearGb")?.verdict).toBe("off");
    expect(est.feedback.items.find((i) => i.field === "qps")?.verdict).toBe("close");

    const design = await submitDesignStage(user.id, id);
    expect(design.score).toBeGreaterThanOrEqual(0);

    // Wrong rounds: an unknown one, and one further than the next.
    const [first, second, third] = p.followUps;
    expect((await refusal(() => submitFollowUp(user.id, id, "no-such-round"))).message).toMatch(/^round: /);
    const skipped = await refusal(() => submitFollowUp(user.id, id, second!.key));
    expect(skipped.status).toBe(400);
    expect(skipped.message).toMatch(/^round: .*current round/);
    expect(await db.interviewStage.count({ where: { designId: id, stage: "followup" } })).toBe(0);

    // Round 1 (traffic ×10) breaks the one-box design…
    const broken = await submitFollowUp(user.id, id, first!.key);
    expect(broken.passed).toBe(false);
    expect(broken.feedback.broke.some((b) => b.what === "App server is overloaded")).toBe(true);
    // …the candidate scales it and answers the round again.
    const fixed = await oneBox("url-shortener", 200);
    expect((await saveDesignDocument(user.id, id, fixed)).ok).toBe(true);
    const again = await submitFollowUp(user.id, id, first!.key);
    expect(again.feedback.broke.some((b) => b.what === "App server is overloaded")).toBe(false);

    // The design stage is closed once the rounds have started; round 3 cannot be answered before round 2.
    expect((await refusal(() => submitDesignStage(user.id, id))).status).toBe(409);
    expect((await refusal(() => submitFollowUp(user.id, id, third!.key))).status).toBe(400);
    await submitFollowUp(user.id, id, second!.key);
    expect((await refusal(() => submitFollowUp(user.id, id, first!.key))).message).toMatch(/^round: /);

    // No reference before the end; finishing needs every round.
    expect(await getReferenceComparison(user.id, id)).toBeNull();
    expect((await refusal(() => finishInterview(user.id, id, false))).status).toBe(409);
    await submitFollowUp(user.id, id, third!.key);
    for (const later of p.followUps.slice(3)) await submitFollowUp(user.id, id, later.key);
    const view = await getInterview(user.id, id, p);
    expect(view?.next).toBe("finish");
    expect(view?.followUps.rounds[0]?.attempts).toHaveLength(2);
    expect(view?.followUps.rounds[0]?.advice?.text.length).toBeGreaterThan(10);
    await finishInterview(user.id, id, false);

    const comparison = await getReferenceComparison(user.id, id);
    expect(comparison?.diff.items.some((i) => i.kind === "missing-node")).toBe(true);
    expect(comparison?.referenceResult.score).toBeGreaterThan(comparison!.candidateResult.score);
    expect((await refusal(() => submitFollowUp(user.id, id, third!.key))).status).toBe(409);
  });

  it("giving up opens the reference at once; what-if copies and other people's designs have no interview", async () => {
    const created = await createDesign(user.id, { name: "Give up", problemId: "rate-limiter", document: await oneBox("rate-limiter") });
    if (!created.ok) throw new Error("setup failed");
    await finishInterview(user.id, created.id, true);
    const comparison = await getReferenceComparison(user.id, created.id);
    expect(comparison?.gaveUp).toBe(true);

    const other = await createDesign(user.id, { name: "Other", problemId: "rate-limiter", document: await oneBox("rate-limiter") });
    if (!other.ok) throw new Error("setup failed");
    const copy = await createWhatIf(user.id, other.id);
    const e = await refusal(() => submitRequirements(user.id, { designId: copy.id, picks: [{ key: "shared-count", justification: "the brief asks for it" }] }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^designId: /);
    const stranger = await makeUser("stranger");
    expect((await refusal(() => finishInterview(stranger.id, other.id, true))).status).toBe(404);
    expect(await getReferenceComparison(stranger.id, created.id)).toBeNull();
  });
});
