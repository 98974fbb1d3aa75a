"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { createWhatIf } from "@/lib/server/designs/service";

/** A copy of a problem's design whose scenario may be changed; it never counts toward scores or mocks. */
export const createWhatIfCopy = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) =>
  createWhatIf(user.id, designId),
);
