import { beforeAll, describe, expect, it } from "vitest";
import { rateDrill as rateDrillAction } from "@/lib/actions/rate-drill";
import { startDrill as startDrillAction } from "@/lib/actions/start-drill";
import { undoDrillRating as undoDrillRatingAction } from "@/lib/actions/undo-drill-rating";
import { db } from "@/lib/server/kernel/db";
import { estimatesInput } from "@/lib/schemas/interview";
import { listDrills, rateDrill, startDrill, undoDrillRating } from "@/lib/server/designs/drills";
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

/** The message a rating is refused with (a 400 naming `rating`); the test fails if it is accepted. */
async function refusedRating(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    const err = e as { status?: number; field?: string; message: string };
    expect(err.status).toBe(400);
    expect(err.field).toBe("rating");
    return err.message;
  }
  throw new Error("the rating was accepted");
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

  it("the candidate may lower a finished attempt's rating (never above what its score earned), undo that, and see the history", async () => {
    const u = await makeUser("drills-rate");
    const key = { userId_problemId: { userId: u.id, problemId: SLUG } };
    const t0 = new Date();
    const first = await newInterview(u.id);
    await answerRequirements(u.id, first);
    await finishInterview(u.id, first, true, t0);
    const scheduled = await db.drillCard.findUniqueOrThrow({ where: key });
    // The first attempt scored 0 % on its worst stage: Again is all it may be rated, so Hard is refused.
    const capped = await refusedRating(() => rateDrill(u.id, { problemId: SLUG, rating: "Hard" }, t0));
    expect(capped).toMatch(/^rating: 0 % on estimates can be rated Again at most$/);
    expect(await db.drillCard.findUniqueOrThrow({ where: key })).toEqual(scheduled);

    // The re-attempt gets the estimates right: its score earns Good or Easy.
    const opened = await startDrill(u.id, SLUG);
    await answerEstimates(u.id, opened.designId);
    const t1 = new Date(scheduled.due.getTime() + 60_000);
    await finishInterview(u.id, opened.designId, true, t1);
    const earned = await db.drillCard.findUniqueOrThrow({ where: key });
    expect(earned.lastRating).toBeGreaterThanOrEqual(3);
    const [entry] = await listDrills(u.id, t1);
    expect(entry).toMatchObject({ rating: entry?.maxRating, canUndo: false, lastStageLabel: "Estimates" });
    expect(entry?.stageScores.map((s) => s.stage)).toEqual(["requirements", "estimates", "design", "followup"]);
    expect(entry?.stageScores.find((s) => s.stage === "estimates")?.percent).toBeGreaterThan(80);
    expect(entry?.stageScores.find((s) => s.stage === "design")?.percent).toBe(0);
    expect(entry?.history.map((h) => [h.stageLabel, h.rating])).toEqual([
      ["Estimates", entry?.maxRating],
      ["Estimates", "Again"],
    ]);

    // It felt harder than the score says: Hard comes back sooner, scheduled from where the card stood before.
    const t2 = new Date(t1.getTime() + 3_600_000);
    const hard = await rateDrill(u.id, { problemId: SLUG, rating: "Hard" }, t2);
    expect(hard.rating).toBe("Hard");
    const lowered = await db.drillCard.findUniqueOrThrow({ where: key });
    expect(lowered.lastRating).toBe(2);
    expect(lowered.reps).toBe(earned.reps);
    expect(lowered.due.getTime()).toBeLessThan(earned.due.getTime());
    expect(hard.nextDue).toBe(lowered.due.toISOString());
    // Again, then Hard again, lands on exactly the same schedule: each rating is applied to the attempt, not stacked.
    await rateDrill(u.id, { problemId: SLUG, rating: "Again" }, t2);
    await rateDrill(u.id, { problemId: SLUG, rating: "Hard" }, t2);
    expect((await db.drillCard.findUniqueOrThrow({ where: key })).due).toEqual(lowered.due);
    const listed = (await listDrills(u.id, t2))[0];
    expect(listed).toMatchObject({ rating: "Hard", canUndo: true });
    expect(listed?.history[0]).toMatchObject({ rating: "Hard", scoreRating: listed?.maxRating });
    expect(listed?.history).toHaveLength(2);

    // Undo takes back one change at a time, exactly; the score's own rating cannot be undone.
    await undoDrillRating(u.id, SLUG, t2);
    expect((await db.drillCard.findUniqueOrThrow({ where: key })).lastRating).toBe(1);
    await undoDrillRating(u.id, SLUG, t2);
    expect(await db.drillCard.findUniqueOrThrow({ where: key })).toMatchObject({ lastRating: 2, due: lowered.due });
    const undone = await undoDrillRating(u.id, SLUG, t2);
    expect(undone.rating).toBe(entry?.maxRating);
    const back = await db.drillCard.findUniqueOrThrow({ where: key });
    expect({ ...back, updatedAt: null }).toEqual({ ...earned, updatedAt: null });
    expect((await refusal(() => undoDrillRating(u.id, SLUG, t2))).status).toBe(409);
    expect((await listDrills(u.id, t2))[0]).toMatchObject({ rating: entry?.maxRating, canUndo: false });
    expect(await db.drillLog.count({ where: { userId: u.id, source: "self" } })).toBe(0);
  });

  it("refuses bad ratings with 400 naming the field and other candidates' drills, changing nothing", async () => {
    const actor = await makeActor("CANDIDATE");
    const bad: [unknown, string][] = [
      [{ problemId: SLUG, rating: "Great" }, "rating"],
      [{ problemId: SLUG }, "rating"],
      [{ problemId: "Not A Slug", rating: "Hard" }, "problemId"],
      [{ problemId: SLUG, rating: "Hard", extra: 1 }, ""],
    ];
    for (const [input, field] of bad) {
      const r = await runAction(rateDrillAction.definition, input, { headers: browserHeaders(), actor });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.status).toBe(400);
        if (field) expect(r.fieldErrors?.[0]?.path ?? r.field).toBe(field);
      }
    }
    // This candidate has no drill (another user's card on the same problem is not theirs to rate or undo).
    const none = await runAction(rateDrillAction.definition, { problemId: SLUG, rating: "Again" }, { headers: browserHeaders(), actor });
    expect(none.ok === false && none.status === 400 && none.error.startsWith("problemId: ")).toBe(true);
    const noUndo = await runAction(undoDrillRatingAction.definition, { problemId: SLUG }, { headers: browserHeaders(), actor });
    expect(noUndo.ok === false && noUndo.status === 400 && noUndo.error.startsWith("problemId: ")).toBe(true);
    expect(await db.drillLog.count({ where: { userId: actor.id } })).toBe(0);
    expect(await db.drillCard.count({ where: { userId: actor.id } })).toBe(0);
  });
});
