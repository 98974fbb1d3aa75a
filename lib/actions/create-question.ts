"use server";

import { createQuestionSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { createQuestion as create } from "@/lib/server/instructor/questions";

/** A new question starts as a draft at version 1. */
export const createQuestion = defineAction(
  { grant: "instructor", schema: createQuestionSchema, revalidate: ["/instructor/questions"] },
  async ({ question }, user) => create(user, question),
);
