import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
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
import { db } from "@/lib/db";
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

  it("each server action of this feature declares the grant it needs", () => {
    // defineAction checks the grant before the handler runs; this pins which grant each action asks for.
    const dir = new URL("../../../lib/actions/", import.meta.url);
    const mine = readdirSync(dir).filter((f) => /question|cohort|import|problem/.test(f));
    const grants = Object.fromEntries(
      mine.map((f) => [f, /grant: "(\w+)"/.exec(readFileSync(new URL(f, dir), "utf8"))?.[1] ?? "none"]),
    );
    expect(grants).toEqual({
      "create-cohort.ts": "instructor",
      "create-question.ts": "instructor",
      "delete-cohort.ts": "instructor",
      "delete-question.ts": "instructor",
      "import-questions.ts": "instructor",
      "join-cohort.ts": "candidate",
      "leave-cohort.ts": "candidate",
      "preview-import.ts": "instructor",
      "problem-create.ts": "instructor",
      "problem-import.ts": "instructor",
      "problem-preview.ts": "instructor",
      "problem-set-status.ts": "instructor",
      "problem-update.ts": "instructor",
      "renew-cohort-invite.ts": "instructor",
      "set-question-status.ts": "instructor",
      "update-question.ts": "instructor",
    });
  });
});
