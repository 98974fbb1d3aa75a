import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { questionSchema } from "@/lib/schemas/question";
import { createQuestionSchema } from "@/lib/schemas/instructor";
import { createQuestion, setQuestionStatus } from "@/lib/server/instructor/questions";
import { makeUser, refused, uid } from "./helpers";

function estimate(name = `estimate-${uid()}`, overrides: Record<string, unknown> = {}) {
  return {
    id: `latency/${name}`,
    type: "estimate",
    chapter: "latency",
    section: "latency-numbers",
    difficulty: "medium",
    tags: ["latency"],
    prompt: "A round trip takes {{rtt}} and a page needs {{trips}} in sequence. How long does it wait?",
    explanation: "Sequential round trips add up.",
    variables: [
      { name: "rtt", min: 10, max: 200, scale: "linear", step: 10, unit: "ms" },
      { name: "trips", min: 1, max: 5, scale: "linear", step: 1, unit: "round trips" },
    ],
    formula: "rtt * trips",
    unit: "ms",
    tolerance: { kind: "relative", value: 0.1 },
    solution: "{{= trips}} × {{rtt}} = {{answer}}.",
    ...overrides,
  };
}

describe("authoring generated estimation questions", () => {
  it("the save boundary refuses a formula that divides by zero somewhere in the ranges, naming the formula", () => {
    const bad = createQuestionSchema.safeParse({ question: estimate(undefined, { formula: "rtt / (trips - 1)" }) });
    expect(bad.success).toBe(false);
    const issue = bad.error?.issues.find((i) => i.path.join(".") === "question.formula");
    expect(issue?.message).toMatch(/finite positive number/);
    const unsafe = createQuestionSchema.safeParse({ question: estimate(undefined, { formula: "import({rtt: 1})" }) });
    expect(unsafe.error?.issues.map((i) => i.path.join("."))).toContain("question.formula");
  });

  it("publishes a valid estimate and refuses one whose stored formula no longer evaluates, leaving it a draft", async () => {
    const author = await makeUser("INSTRUCTOR");
    const good = questionSchema.parse(estimate());
    await createQuestion(author, good);
    expect((await setQuestionStatus(author, good.id, "publish")).status).toBe("PUBLISHED");

    const q = questionSchema.parse(estimate());
    await createQuestion(author, q);
    // A version stored before formulas were checked over the ranges.
    await db.questionVersion.update({
      where: { questionId_version: { questionId: q.id, version: 1 } },
      data: { data: { ...q, formula: "rtt / (trips - 1)" } },
    });
    const err = await refused(setQuestionStatus(author, q.id, "publish"));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^question\.formula: the formula gives no finite number for rtt = \d+, trips = 1/);
    expect((await db.question.findUniqueOrThrow({ where: { id: q.id } })).status).toBe("DRAFT");
  });
});
