"use server";

import { startMockInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { startMock } from "@/lib/server/designs/service";

/** Starts a timed mock interview on a problem; the deadline is kept on the server. */
export const startMockDesign = defineAction({ grant: "candidate", schema: startMockInput }, async ({ problemId, minutes }, user) => {
  return startMock(user.id, problemId, minutes);
});
