import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCohort, deleteCohort, getInvite, joinCohort, leaveCohort, listOwnCohorts, myCohorts, renewCohortInvite } from "@/lib/server/instructor/cohorts";
import { exportQuestions } from "@/lib/server/instructor/export";
import { ForbiddenError } from "@/lib/server/instructor/gate";
import { commitImport, previewImport } from "@/lib/server/instructor/import";
import {
  createQuestion,
  currentQuestions,
  deleteQuestion,
  getQuestionDetail,
  listQuestions,
  setQuestionStatus,
  updateQuestion,
} from "@/lib/server/instructor/questions";
import { loadItemStats } from "@/lib/server/instructor/stats";
import { db } from "@/lib/server/kernel/db";
import { runAction, type ActionResult, type Definition } from "@/lib/server/kernel/action";
import { browserHeaders, makeActor } from "../kernel/helpers";
import { makeUser, singleQuestion } from "./helpers";

const importInput = {
  format: "gift" as const,
  text: "::x::Pick {=a ~b ~c}",
  publish: false,
  defaults: { chapter: "dns" as const, section: "ttl", difficulty: "easy" as const, tags: ["dns"], unit: "s" },
};

describe("role gates", () => {
  it("every instructor service refuses a candidate with 403 and stores nothing", async () => {
    const candidate = await makeUser("CANDIDATE");
    const q = singleQuestion();
    const calls: [string, () => Promise<unknown>][] = [
      ["listQuestions", () => listQuestions(candidate, {})],
      ["getQuestionDetail", () => getQuestionDetail(candidate, q.id)],
      ["createQuestion", () => createQuestion(candidate, q)],
      ["updateQuestion", () => updateQuestion(candidate, q.id, 1, q)],
      ["setQuestionStatus", () => setQuestionStatus(candidate, q.id, "publish")],
      ["deleteQuestion", () => deleteQuestion(candidate, q.id)],
      ["currentQuestions", () => currentQuestions(candidate, {})],
      ["previewImport", () => previewImport(candidate, importInput)],
      ["commitImport", () => commitImport(candidate, importInput)],
      ["exportQuestions", () => exportQuestions(candidate, { format: "json" })],
      ["loadItemStats", () => loadItemStats(candidate, {})],
      ["createCohort", () => createCohort(candidate, "Mine")],
      ["listOwnCohorts", () => listOwnCohorts(candidate)],
      ["renewCohortInvite", () => renewCohortInvite(candidate, "c1")],
      ["deleteCohort", () => deleteCohort(candidate, "c1")],
    ];
    for (const [name, call] of calls) {
      const outcome = await call().then(
        () => "allowed",
        (e: unknown) => (e instanceof ForbiddenError ? e.status : String(e)),
      );
      expect([name, outcome]).toEqual([name, 403]);
    }
    expect(await db.question.count({ where: { id: { in: [q.id, "dns/x"] } } })).toBe(0);
    expect(await db.cohort.count({ where: { ownerId: candidate.id } })).toBe(0);
  });

  it("instructors and admins pass; candidate-level cohort services accept every signed-in role", async () => {
    const admin = await makeUser("ADMIN");
    const instructor = await makeUser("INSTRUCTOR");
    await expect(listQuestions(admin, { status: "RETIRED" })).resolves.toBeInstanceOf(Array);
    await expect(listOwnCohorts(instructor)).resolves.toEqual([]);
    await expect(myCohorts(instructor)).resolves.toEqual([]);
    await expect(getInvite(admin, "no-such-token-at-all")).resolves.toBeNull();
  });

  it("a signed-out caller is refused by the candidate services too", async () => {
    for (const call of [() => joinCohort(null as never, "token-token"), () => leaveCohort(null as never, "c1"), () => myCohorts(null as never)]) {
      await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("each server action of this feature is gated by defineAction for the grant it needs", async () => {
    // Through the real wrapper (runAction, which defineAction calls): a role below the grant is refused before
    // the input is even parsed, and a signed-out caller gets 401.
    const dir = new URL("../../../lib/actions/", import.meta.url);
    const mine = readdirSync(dir).filter((f) => /question|cohort|import|problem/.test(f));
    const candidate = await makeActor("CANDIDATE");
    const gated: Record<string, string> = {};
    for (const file of mine) {
      const mod: Record<string, unknown> = await import(`../../../lib/actions/${file.replace(/\.ts$/, "")}.ts`);
      const action = Object.values(mod).find((v): v is { definition: Definition<z.ZodType, unknown> } => typeof v === "function" && "definition" in v);
      if (!action) throw new Error(`${file} exports no defineAction action`);
      const signedOut = await runAction(action.definition, {}, { headers: browserHeaders(), actor: null });
      const asCandidate = await runAction(action.definition, {}, { headers: browserHeaders(), actor: candidate });
      const status = (r: ActionResult<unknown>) => (r.ok ? 200 : r.status);
      gated[file] = `${status(signedOut)} ${[401, 403].includes(status(asCandidate)) ? "candidate refused" : "candidate let through"}`;
    }
    const instructorOnly = "401 candidate refused";
    const anyone = "401 candidate let through";
    expect(gated).toEqual({
      "create-cohort.ts": instructorOnly,
      "create-question.ts": instructorOnly,
      "delete-cohort.ts": instructorOnly,
      "delete-question.ts": instructorOnly,
      "import-questions.ts": instructorOnly,
      "join-cohort.ts": anyone,
      "leave-cohort.ts": anyone,
      "preview-import.ts": instructorOnly,
      "problem-create.ts": instructorOnly,
      "problem-import.ts": instructorOnly,
      "problem-preview.ts": instructorOnly,
      "problem-set-status.ts": instructorOnly,
      "problem-update.ts": instructorOnly,
      "renew-cohort-invite.ts": instructorOnly,
      "set-question-status.ts": instructorOnly,
      "update-question.ts": instructorOnly,
    });
  });
});
