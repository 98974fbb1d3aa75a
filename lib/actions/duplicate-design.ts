"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { duplicateDesign as duplicate } from "@/lib/server/designs/service";

export const duplicateDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  return designCall(() => duplicate(user.id, designId));
});
