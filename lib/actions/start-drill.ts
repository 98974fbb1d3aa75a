"use server";

import { startDrillInput } from "@/lib/schemas/drill";
import { defineAction } from "@/lib/server/kernel/action";
import { startDrill as start } from "@/lib/server/designs/drills";

/** Opens a scheduled redesign drill: continues its re-attempt, or starts one at the stage the candidate did worst. */
export const startDrill = defineAction({ grant: "candidate", schema: startDrillInput }, async ({ problemId }, user) =>
  start(user.id, problemId),
);
