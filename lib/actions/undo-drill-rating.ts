"use server";

import { undoDrillRatingInput } from "@/lib/schemas/drill";
import { defineAction } from "@/lib/server/kernel/action";
import { undoDrillRating as undo } from "@/lib/server/designs/drills";

/** Takes back the candidate's last change of a redesign drill's rating. */
export const undoDrillRating = defineAction({ grant: "candidate", schema: undoDrillRatingInput }, async ({ problemId }, user) =>
  undo(user.id, problemId),
);
