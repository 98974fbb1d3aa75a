"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/kernel/action";
import { listProgress } from "@/lib/server/progress/sections";

/** The signed-in reader's own progress; chapter pages are static, so they ask for it after loading. */
export const listSectionProgress = defineAction({ grant: "candidate", schema: z.undefined().or(z.object({})) }, (_input, user) =>
  listProgress(user.id),
);
