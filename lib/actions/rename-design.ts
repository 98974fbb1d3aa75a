"use server";

import { renameDesignInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { renameDesign as rename } from "@/lib/server/designs/service";

export const renameDesign = defineAction({ grant: "candidate", schema: renameDesignInput }, async ({ designId, name }, user) => {
  return rename(user.id, designId, name);
});
