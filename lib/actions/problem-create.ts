"use server";

import { createProblemSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { createProblem as create } from "@/lib/server/problems/authoring";

/** A new practice problem starts as an unpublished draft at version 1: candidates cannot see it yet. */
export const createProblem = defineAction(
  { grant: "instructor", schema: createProblemSchema, revalidate: ["/instructor/problems"] },
  async ({ problem }, user) => create(user, problem),
);
