"use server";

import { finishInterviewInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { finishInterview as finish } from "@/lib/server/designs/interview";

/** Ends the interview (finished, or given up); the reference comparison opens. */
export const finishInterview = defineAction({ grant: "candidate", schema: finishInterviewInput }, async ({ designId, giveUp }, user) =>
  designCall(() => finish(user.id, designId, giveUp)),
);
