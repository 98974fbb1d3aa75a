"use server";

import { setProblemStatusSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { setProblemStatus as setStatus } from "@/lib/server/problems/authoring";

/** Publish the current version (its reference design is scored first) or withdraw the problem. */
export const setProblemStatus = defineAction(
  {
    grant: "instructor",
    schema: setProblemStatusSchema,
    revalidate: ({ slug }) => ["/instructor/problems", `/instructor/problems/${slug}`, "/practice"],
  },
  async ({ slug, transition, version }, user) => setStatus(user, slug, transition, version),
);
