"use server";

import { finishInterviewInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/kernel/action";
import { finishInterview as finish } from "@/lib/server/designs/interview";

/** Ends the interview (finished, or given up); the reference comparison opens. */
export const finishInterview = defineAction({ grant: "candidate", schema: finishInterviewInput }, async ({ designId, giveUp }, user) =>
  finish(user.id, designId, giveUp),
);
