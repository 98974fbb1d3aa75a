import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { problemSchema, type Problem } from "@/lib/schemas/problem";
import { problemFileSchema } from "@/lib/schemas/problem-authoring";
import { getProblem, getProblemForDesign, listProblems } from "@/lib/server/designs/problems";
import { createDesign, DesignError } from "@/lib/server/designs/service";
import {
  createProblem,
  exportProblems,
  getProblemDetail,
  importProblems,
  listAuthoringProblems,
  setProblemStatus,
  updateProblem,
} from "@/lib/server/problems/authoring";
import { makeUser, refused, uid } from "./helpers";

/** A new problem made from a seeded one under a fresh slug, as an instructor copying a problem would. */
async function freshProblem(): Promise<Problem> {
  const base = await getProblem("url-shortener");
  if (!base) throw new Error("the seeded url-shortener problem is missing");
  return problemSchema.parse({ ...structuredClone(base), slug: `authored-${uid()}`, title: "Authored link shortener" });
}

describe("practice-problem authoring", () => {
  it("a draft is invisible to candidates until published; a design keeps the version it attempted", async () => {
    const author = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE", "cand");
    const p = await freshProblem();
    expect(await createProblem(author, p)).toEqual({ slug: p.slug, version: 1 });

    expect(await getProblem(p.slug)).toBeNull();
    expect((await listProblems()).map((x) => x.slug)).not.toContain(p.slug);
    const early = await createDesign(candidate.id, { name: "too early", problemId: p.slug, document: p.starter }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(DesignError);
    expect((early as DesignError).status).toBe(400);

    const published = await setProblemStatus(author, p.slug, "publish", 1);
    expect(published.publishedVersion).toBe(1);
    expect(published.reference?.score).toBeGreaterThan(0);
    expect((await getProblem(p.slug))?.title).toBe("Authored link shortener");

    const made = await createDesign(candidate.id, { name: "attempt", problemId: p.slug, document: p.starter });
    if (!made.ok) throw new Error("design refused");
    const design = await db.design.findUniqueOrThrow({ where: { id: made.id } });
    expect(design.problemVersion).toBe(1);

    // Version 2: a new follow-up prompt and title. Candidates keep getting version 1 until it is published.
    const edited = problemSchema.parse({
      ...p,
      title: "Authored link shortener, second take",
      followUps: p.followUps.map((f, i) => (i === 0 ? { ...f, title: "Launch day, again" } : f)),
    });
    expect(await updateProblem(author, p.slug, 1, edited)).toEqual({ slug: p.slug, version: 2, changed: ["followUps", "title"] });
    expect((await getProblem(p.slug))?.title).toBe("Authored link shortener");
    const listed = (await listAuthoringProblems(author)).find((r) => r.slug === p.slug);
    expect(listed).toMatchObject({ status: "changed", currentVersion: 2, publishedVersion: 1 });

    await setProblemStatus(author, p.slug, "publish", 2);
    expect((await getProblem(p.slug))?.title).toBe("Authored link shortener, second take");
    // The earlier design is still scored against the version it attempted.
    expect((await getProblemForDesign(design))?.followUps[0]?.title).toBe(p.followUps[0]?.title);

    const detail = await getProblemDetail(author, p.slug);
    expect(detail?.versions.map((v) => [v.version, v.designs, v.publishedAt !== null])).toEqual([
      [2, 0, true],
      [1, 1, true],
    ]);
    expect(detail?.versions[0]?.referenceScore).toBeGreaterThan(0);
    expect(detail?.audit.map((a) => a.action)).toEqual(["publish", "edit", "publish", "create"]);

    await setProblemStatus(author, p.slug, "unpublish", 2);
    expect(await getProblem(p.slug)).toBeNull();
  });

  it("refuses a stale publish, a taken slug, a changed slug and a candidate, and saves nothing then", async () => {
    const author = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE", "cand");
    const p = await freshProblem();
    await createProblem(author, p);
    await updateProblem(author, p.slug, 1, { ...p, summary: "A second summary that is long enough." });

    expect((await refused(setProblemStatus(author, p.slug, "publish", 1))).status).toBe(409);
    const taken = await refused(createProblem(author, p));
    expect([taken.status, taken.field]).toEqual([400, "problem.slug"]);
    const moved = await refused(updateProblem(author, p.slug, 2, { ...p, slug: `${p.slug}-x` }));
    expect(moved.message).toMatch(/^problem\.slug: /);
    expect((await refused(createProblem(candidate, { ...p, slug: `cand-${uid()}` }))).status).toBe(403);
    expect((await refused(setProblemStatus(candidate, p.slug, "publish", 2))).status).toBe(403);

    expect(await db.problemVersion.count({ where: { problemId: p.slug } })).toBe(2);
    expect((await db.problem.findUniqueOrThrow({ where: { id: p.slug } })).publishedVersion).toBeNull();
  });

  it("the schema refuses a reference design off the problem's scenario, naming the field", async () => {
    const p = await freshProblem();
    const reference = structuredClone(p.reference) as { scenario: { rps: number } };
    reference.scenario.rps *= 10;
    const parsed = problemSchema.safeParse({ ...p, reference });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["reference", "scenario"]);
  });

  it("export → import round-trips: a known slug gets a new draft version only when it changed, all or nothing", async () => {
    const author = await makeUser("INSTRUCTOR");
    const p = await freshProblem();
    await createProblem(author, p);
    const file = problemFileSchema.parse(JSON.parse(JSON.stringify(await exportProblems(author, p.slug))));
    expect(file).toHaveLength(1);
    expect(await importProblems(author, file)).toEqual([{ slug: p.slug, title: p.title, result: "unchanged", version: 1 }]);

    const other = { ...p, slug: `imported-${uid()}` };
    const changed = { ...p, title: "Changed by import" };
    expect(await importProblems(author, [changed, other])).toEqual([
      { slug: p.slug, title: "Changed by import", result: "new-version", version: 2 },
      { slug: other.slug, title: p.title, result: "created", version: 1 },
    ]);

    // A duplicate in the file refuses the whole import: the third problem is not created.
    const third = { ...p, slug: `imported-${uid()}` };
    expect((await refused(importProblems(author, [third, third]))).status).toBe(400);
    expect(await db.problem.findUnique({ where: { id: third.slug } })).toBeNull();
  });
});
