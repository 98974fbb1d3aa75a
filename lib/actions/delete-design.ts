"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { deleteDesign as remove } from "@/lib/server/designs/service";

/** Deletes a design and its evaluation history (the page asks for confirmation first). */
export const deleteDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  return remove(user.id, designId);
});
