"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/kernel/action";
import { setUserTimeZone } from "@/lib/server/quiz/review";

/** Stores the browser's IANA time zone, so "due today" ends at the user's own midnight. */
export const setTimeZone = defineAction(
  { grant: "candidate", schema: z.strictObject({ timeZone: z.string().min(1).max(64) }) },
  async (input, user) => {
    await setUserTimeZone(user.id, input.timeZone);
    return { timeZone: input.timeZone };
  },
);
