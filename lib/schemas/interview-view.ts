import type { EvaluationResult } from "@/lib/core/evaluator";
import type { Design as DesignDocument } from "@/lib/core/evaluator/schema";
import type { structuralDiff } from "@/lib/core/canvas/diff";
import type { RubricOutcome } from "@/lib/core/canvas/rubric";
import type { EstimatesFeedback, FollowUpFeedback, RequirementsFeedback, Stage } from "@/lib/core/canvas/interview";

// What the browser sees of an interview (lib/server/designs/interview.ts builds these from the stored stages).
// Server-built and never parsed back from the client, so these are plain types over the pure core's feedback
// types rather than zod schemas.

export type Submission<F> = { score: number; maxScore: number; passed: boolean; feedback: F; createdAt: string };

export type InterviewView = {
  requirements: { options: { key: string; text: string; kind: "functional" | "non-functional" }[]; submitted: Submission<RequirementsFeedback> | null };
  estimates: {
    facts: string[];
    fields: { key: string; label: string; unit: string }[];
    submitted: Submission<EstimatesFeedback & { values: Record<string, number> }> | null;
  };
  /** rubric: the problem's weights and required items applied (absent on stages stored before rubrics existed). */
  design: { submitted: Submission<{ evaluationId: string; grade: string; rubric?: RubricOutcome }> | null };
  followUps: {
    rounds: {
      key: string;
      title: string;
      prompt: string;
      changes: string[];
      attempts: Submission<FollowUpFeedback>[];
      /** What a strong answer does: shown once the round has been answered. */
      advice: { text: string; href: string } | null;
    }[];
    /** Index of the round being answered, or null before the design is submitted. */
    current: number | null;
  };
  closedAt: string | null;
  gaveUp: boolean;
  /** The next thing to do, for the page's step indicator. */
  next: Stage | "finish" | "closed";
};

export type ReferenceComparison = {
  reference: DesignDocument;
  referenceResult: EvaluationResult;
  candidate: DesignDocument;
  candidateResult: EvaluationResult;
  diff: ReturnType<typeof structuralDiff>;
  gaveUp: boolean;
};
