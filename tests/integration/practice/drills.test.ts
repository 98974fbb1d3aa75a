import { beforeAll, describe, expect, it } from "vitest";
import { startDrill as startDrillAction } from "@/lib/actions/start-drill";
import { db } from "@/lib/db";
import { estimatesInput } from "@/lib/schemas/interview";
import { listDrills, startDrill } from "@/lib/server/designs/drills";
import { finishInterview, getInterview, submitDesignStage, submitEstimates, submitFollowUp, submitRequirements } from "@/lib/server/designs/interview";
import { getProblem } from "@/lib/server/designs/problems";
import { createDesign } from "@/lib/server/designs/service";
import { runAction } from "@/lib/server/kernel/action";
import { browserHeaders, makeActor } from "../kernel/helpers";
import { makeUser, oneBox, refusal } from "./helpers";

// Redesign drills against real Postgres: a finished interview schedules an FSRS card at its worst stage, the
// drill opens a re-attempt there with the earlier stages carried over, and finishing it rates the card.

const SLUG = "url-shortener";
const DAY = 86_400_000;

async function problem() {
  const p = await getProblem(SLUG);
  if (!p) throw new Error("no problem");
  return p;
}

async function newInterview(userId: string) {
  const created = await createDesign(userId, { name: "Drill source", problemId: SLUG, document: await oneBox(SLUG) });
  if (!created.ok) throw new Error("setup failed");
  return created.id;
}

async function answerRequirements(userId: string, designId: string) {
  const p = await problem();
  const picks = p.requirements.filter((r) => r.relevant).map((r) => ({ key: r.key, justification: "the brief asks for it directly" }));
  return submitRequirements(userId, { designId, picks });
}

async function answerEstimates(userId: string, designId: string) {
  const a = (await problem()).estimates.answers;
  const values = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v.value)]));
  return submitEstimates(userId, estimatesInput.parse({ designId, values }));
}

let user: { id: string };
beforeAll(async () => {
  user = await makeUser("drills");
});

describe("redesign drills", () => {
  it("schedules a finished interview at its worst stage, re-attempts from there and rates the card from that stage", async () => {
    const t0 = new Date();
    const first = await newInterview(user.id);
    await answerRequirements(user.id, first);
    // Giving up after the requirements: the estimates were never answered, so they are the worst stage (0 %).
    await finishInterview(user.id, first, true, t0);

    const card = await db.drillCard.findUniqueOrThrow({ where: { userId_problemId: { userId: user.id, problemId: SLUG } } });
    expect(card.stage).toBe("estimates");
    expect(card.lastRating).toBe(1); // Again
    expect(card.reps).toBe(1);
    // No minute-long learning steps: a redesign comes back a day or more later.
    expect(card.due.getTime() - t0.getTime()).toBeGreaterThanOrEqual(DAY - 1000);

    const [entry] = await listDrills(user.id, t0);
    expect(entry).toMatchObject({ problemId: SLUG, title: (await problem()).title, stage: "estimates", stageLabel: "Estimates", dueToday: false, inProgress: false, lastScorePercent: 0 });
    expect(entry?.dueWords).toMatch(/^due (tomorrow|in \d+ days)$/);
    const later = await listDrills(user.id, new Date(card.due.getTime() + 60_000));
    expect(later[0]?.dueToday).toBe(true);
    expect(later[0]?.dueWords).toBe("due now");

    // Opening the drill starts at the estimates, with the requirements carried over as answered.
    const opened = await startDrill(user.id, SLUG);
    expect(opened.href).toBe(`/practice/${SLUG}?design=${opened.designId}`);
    const redo = await db.design.findUniqueOrThrow({ where: { id: opened.designId } });
    expect(redo.drillStage).toBe("estimates");
    const view = await getInterview(user.id, opened.designId, await problem());
    expect(view?.next).toBe("estimates");
    expect(view?.requirements.submitted?.score).toBe(view?.requirements.submitted?.maxScore);
    // Opening it again continues the same re-attempt.
    expect((await startDrill(user.id, SLUG)).designId).toBe(opened.designId);
    expect((await listDrills(user.id))[0]?.inProgress).toBe(true);

    // The re-attempt gets the estimates right, then gives up: the card is rated from the estimates alone.
    const est = await answerEstimates(user.id, opened.designId);
    expect(est.passed).toBe(true);
    const t1 = new Date(card.due.getTime() + 60_000);
    await finishInterview(user.id, opened.designId, true, t1);
    const rated = await db.drillCard.findUniqueOrThrow({ where: { userId_problemId: { userId: user.id, problemId: SLUG } } });
    expect(rated.reps).toBe(2);
    expect(rated.lastRating).toBeGreaterThanOrEqual(3); // Good or Easy
    expect(rated.lastScore).toBeGreaterThan(0.8);
    expect(rated.attemptId).toBeNull();
    expect(rated.due.getTime()).toBeGreaterThan(t1.getTime() + DAY);
    // Now the design (never submitted in the re-attempt) is the worst stage.
    expect(rated.stage).toBe("design");
  });

  it("a follow-up drill carries the design and its evaluation, and none of the rounds", async () => {
    const other = await makeUser("drills-followup");
    const p = await problem();
    const id = await newInterview(other.id);
    await answerRequirements(other.id, id);
    await answerEstimates(other.id, id);
    await submitDesignStage(other.id, id);
    for (const f of p.followUps) await submitFollowUp(other.id, id, f.key);
    await finishInterview(other.id, id, false);
    const card = await db.drillCard.findUniqueOrThrow({ where: { userId_problemId: { userId: other.id, problemId: SLUG } } });
    expect(card.reps).toBe(1);
    // Whatever stage came out worst, drill the follow-ups here (the carrying is what this test checks).
    await db.drillCard.update({ where: { userId_problemId: { userId: other.id, problemId: SLUG } }, data: { stage: "followup" } });

    const opened = await startDrill(other.id, SLUG);
    const view = await getInterview(other.id, opened.designId, p);
    expect(view?.next).toBe("followup");
    expect(view?.design.submitted).not.toBeNull();
    const copied = await db.evaluation.findMany({ where: { designId: opened.designId } });
    expect(copied).toHaveLength(1);
    const designRow = await db.interviewStage.findFirstOrThrow({ where: { designId: opened.designId, stage: "design" } });
    expect((designRow.feedback as { evaluationId: string }).evaluationId).toBe(copied[0]!.id);
    const source = await db.design.findUniqueOrThrow({ where: { id } });
    const redo = await db.design.findUniqueOrThrow({ where: { id: opened.designId } });
    expect(redo.data).toEqual(source.data);
    // The follow-up rounds are the exercise: none is carried.
    expect(await db.interviewStage.count({ where: { designId: opened.designId, stage: "followup" } })).toBe(0);
  });

  it("refuses bad input with 400 naming the field, other people's drills and unscheduled problems, saving nothing", async () => {
    const actor = await makeActor("CANDIDATE");
    const before = await db.design.count({ where: { userId: actor.id } });
    for (const bad of [{}, { problemId: "Not A Slug" }, { problemId: 42 }]) {
      const r = await runAction(startDrillAction.definition, bad, { headers: browserHeaders(), actor });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.status).toBe(400);
        expect(r.fieldErrors?.[0]?.path ?? r.field).toBe("problemId");
      }
    }
    // A problem this candidate never finished has no drill (the first test's user has one; this one does not).
    const none = await runAction(startDrillAction.definition, { problemId: SLUG }, { headers: browserHeaders(), actor });
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.status).toBe(400);
      expect(none.error).toMatch(/^problemId: /);
    }
    expect((await refusal(() => startDrill(actor.id, "no-such-problem"))).message).toMatch(/^problemId: /);
    expect(await db.design.count({ where: { userId: actor.id } })).toBe(before);
    expect(await listDrills(actor.id)).toEqual([]);
  });
});
