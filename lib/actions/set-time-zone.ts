"use server";

import { z } from "zod";
import { ActionError, defineAction } from "@/lib/server/action";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { setUserTimeZone } from "@/lib/server/quiz/review";

/** Stores the browser's IANA time zone, so "due today" ends at the user's own midnight. */
export const setTimeZone = defineAction(
  { grant: "candidate", schema: z.strictObject({ timeZone: z.string().min(1).max(64) }) },
  async (input, user) => {
    try {
      await setUserTimeZone(user.id, input.timeZone);
      return { timeZone: input.timeZone };
    } catch (error) {
      if (error instanceof QuizRequestError) throw new ActionError(400, error.message);
      throw error;
    }
  },
);
