"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { enableShare } from "@/lib/server/designs/service";

/** Turns on the read-only share link of a design (the same link until it is revoked). */
export const shareDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) =>
  enableShare(user.id, designId),
);
