import { z } from "zod";
import { problemSlugSchema } from "@/lib/schemas/problem-parts";

/** Opens the redesign drill scheduled for one practice problem. */
export const startDrillInput = z.object({ problemId: problemSlugSchema });
export type StartDrillInput = z.infer<typeof startDrillInput>;
