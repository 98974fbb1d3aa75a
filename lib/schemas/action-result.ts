import { z } from "zod";

// What every server action answers (lib/server/kernel/action.ts builds it; components/use-action.ts reads it):
// the data, or the AppError envelope with the status, a message and the fields it concerns.

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const actionFailureSchema = z.object({
  ok: z.literal(false),
  status: z.number().int(),
  error: z.string(),
  field: z.string().optional(),
  fieldErrors: z.array(fieldErrorSchema).optional(),
});
export type ActionFailure = z.infer<typeof actionFailureSchema>;
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
