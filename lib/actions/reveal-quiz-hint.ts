"use server";

import { revealHintSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { revealHint } from "@/lib/server/quiz/hints";

/** Reveals the next hint of a question inside the user's open attempt; the request is recorded and costs marks. */
export const revealQuizHint = defineAction({ grant: "candidate", schema: revealHintSchema }, (input, user) =>
  revealHint(user.id, input),
);
