import { z } from "zod";

/** An FSRS card's scheduling fields as stored JSON keeps them (a review or drill log's "card before"), for undo. */
export const cardSnapshot = z.object({
  due: z.iso.datetime({ offset: true }),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.number().int(),
  lastReview: z.iso.datetime({ offset: true }).nullable(),
});
