"use server";

import { revalidatePath } from "next/cache";
import { setProblemStatusSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { setProblemStatus as setStatus } from "@/lib/server/problems/authoring";

/** Publish the current version (its reference design is scored first) or withdraw the problem. */
export const setProblemStatus = defineAction(
  { grant: "instructor", schema: setProblemStatusSchema },
  async ({ slug, transition, version }, user) => {
    const result = await setStatus(user, slug, transition, version);
    revalidatePath("/instructor/problems");
    revalidatePath(`/instructor/problems/${slug}`);
    revalidatePath("/practice");
    return result;
  },
);
