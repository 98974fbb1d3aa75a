"use server";

import { rateDrillInput } from "@/lib/schemas/drill";
import { defineAction } from "@/lib/server/kernel/action";
import { rateDrill as rate } from "@/lib/server/designs/drills";

/** Rates the last finished attempt on a problem (at most what its score earned) and reschedules its drill. */
export const rateDrill = defineAction({ grant: "candidate", schema: rateDrillInput }, async (input, user) => rate(user.id, input));
