"use client";

import { describeWeights, type RubricOutcome } from "@/lib/core/canvas/rubric";
import { ChapterLink } from "../result/link-titles";

/**
 * How this problem's rubric changed a stage's score, in words: the weights when they are not the standard ones,
 * and every required checklist item that failed (with the chapter that teaches it). Nothing when the rubric is
 * the default one and nothing required failed.
 */
export function RubricNote({ rubric }: { rubric: RubricOutcome | undefined }) {
  if (!rubric) return null;
  const failed = rubric.required.filter((r) => r.status === "fail");
  if (!rubric.weighted && failed.length === 0) return null;
  return (
    <div className="space-y-1 text-sm" data-testid="rubric-note">
      {rubric.weighted ? (
        <p>
          This problem weighs the parts of the score differently ({describeWeights(rubric.weights)}): {rubric.score}/100 here,{" "}
          {rubric.evaluatorScore}/100 on the standard weights.
        </p>
      ) : null}
      {rubric.cap ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-2 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200" data-testid="rubric-cap">
          <p>{rubric.cap.reason}</p>
          <ul className="mt-1 list-disc pl-5">
            {failed.map((f) => (
              <li key={f.id}>
                {f.title}: <ChapterLink href={f.href} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
