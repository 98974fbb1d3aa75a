"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { revokeShare } from "@/lib/server/designs/service";

/** Revokes the share link: the old address stops working at once. */
export const revokeDesignShare = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) =>
  revokeShare(user.id, designId),
);
