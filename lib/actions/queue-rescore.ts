"use server";

import { revalidatePath } from "next/cache";
import { queueRescoreSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss, queueRescoreRun } from "@/lib/server/jobs/rescore";

/** Admins queue a re-score of every design last scored by an older model (workers queue it too on start). */
export const queueRescore = defineAction({ grant: "admin", schema: queueRescoreSchema }, async () => {
  const run = await queueRescoreRun(await appBoss());
  revalidatePath("/admin/jobs");
  return run;
});
