import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { getProblem } from "@/lib/server/designs/problems";
import { getInterview, submitRequirements } from "@/lib/server/designs/interview";
import { createDesign } from "@/lib/server/designs/service";
import { makeUser, oneBox } from "./helpers";

// The interview view is parsed on its way to the browser: stored feedback that no longer has the shape the
// page renders is refused on the server instead of reaching the page as whatever the row holds.

let user: { id: string };
beforeAll(async () => {
  user = await makeUser("interview-view");
});

describe("the interview view crosses the wire parsed", () => {
  it("passes stored feedback of the right shape and refuses a corrupted row", async () => {
    const problem = await getProblem("url-shortener");
    if (!problem) throw new Error("no problem");
    const created = await createDesign(user.id, {
      name: "View",
      problemId: "url-shortener",
      document: await oneBox("url-shortener"),
    });
    if (!created.ok) throw new Error("setup failed");
    const picks = problem.requirements
      .filter((r) => r.relevant)
      .map((r) => ({ key: r.key, justification: "the brief asks for it" }));
    await submitRequirements(user.id, { designId: created.id, picks });

    const view = await getInterview(user.id, created.id, problem);
    expect(view?.requirements.submitted?.feedback.items.length).toBe(problem.requirements.length);
    expect(view?.next).toBe("estimates");

    await db.interviewStage.updateMany({
      where: { designId: created.id, stage: "requirements" },
      data: { feedback: { items: "not a list" } },
    });
    await expect(getInterview(user.id, created.id, problem)).rejects.toThrow(/items/);
  });
});
