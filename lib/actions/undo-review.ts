"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/kernel/action";
import { undoLastReview } from "@/lib/server/quiz/review";

/** Undoes the last rating given on /review. */
export const undoReview = defineAction({ grant: "candidate", schema: z.strictObject({}) }, (_input, user) => undoLastReview(user.id));
