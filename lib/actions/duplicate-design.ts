"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { duplicateDesign as duplicate } from "@/lib/server/designs/service";

export const duplicateDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  return duplicate(user.id, designId);
});
