import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { createProblem } from "@/lib/actions/problem-create";
import { importProblems } from "@/lib/actions/problem-import";
import { previewProblem } from "@/lib/actions/problem-preview";
import type { ActionResult } from "@/lib/schemas/action-result";
import { getProblem } from "@/lib/server/designs/problems";
import { runAction } from "@/lib/server/kernel/action";
import { browserHeaders, makeActor } from "../kernel/helpers";
import { uid } from "./helpers";

function failed<T>(result: ActionResult<T>) {
  if (result.ok) throw new Error("expected the action to be refused");
  return result;
}

async function copyOf(slug: string) {
  const base = await getProblem("url-shortener");
  if (!base) throw new Error("the seeded url-shortener problem is missing");
  return { ...structuredClone(base), slug };
}

describe("problem-authoring actions at the boundary", () => {
  it("bad input is a 400 naming the field, and nothing is saved", async () => {
    const actor = await makeActor("INSTRUCTOR");
    const ctx = { headers: browserHeaders(), actor };
    const slug = `action-${uid()}`;
    const noTitle = { ...(await copyOf(slug)), title: "" };
    const refused = failed(await runAction(createProblem.definition, { problem: noTitle }, ctx));
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors?.map((f) => f.path)).toContain("problem.title");

    const badRps = await copyOf(slug);
    (badRps.scenario as { rps: number }).rps = -5;
    const rps = failed(await runAction(createProblem.definition, { problem: badRps }, ctx));
    expect(rps.fieldErrors?.map((f) => f.path)).toContain("problem.scenario.rps");
    expect(await db.problem.findUnique({ where: { id: slug } })).toBeNull();

    const notJson = failed(await runAction(importProblems.definition, { text: "{ not json" }, ctx));
    expect([notJson.status, notJson.field]).toEqual([400, "text"]);
    const wrong = failed(await runAction(importProblems.definition, { text: JSON.stringify([{ ...(await copyOf(slug)), followUps: [] }]) }, ctx));
    expect(wrong.error).toMatch(/^problem 1, followUps: /);
    expect(await db.problem.findUnique({ where: { id: slug } })).toBeNull();
  });

  it("a candidate is refused every authoring action with 403; the preview scores the reference for an instructor", async () => {
    const candidate = await makeActor("CANDIDATE");
    const instructor = await makeActor("INSTRUCTOR");
    const problem = await copyOf(`action-${uid()}`);
    const asCandidate = { headers: browserHeaders(), actor: candidate };
    expect(failed(await runAction(createProblem.definition, { problem }, asCandidate)).status).toBe(403);
    expect(failed(await runAction(previewProblem.definition, { problem }, asCandidate)).status).toBe(403);
    const preview = await runAction(previewProblem.definition, { problem }, { headers: browserHeaders(), actor: instructor });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.data.reference?.score).toBeGreaterThan(0);
    expect(preview.data.brief.briefHtml).toContain("<");
    expect(JSON.stringify(preview.data.brief)).not.toContain("reference");
  });
});
