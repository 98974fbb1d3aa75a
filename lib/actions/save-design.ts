"use server";

import { saveDesignInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { saveDesignDocument } from "@/lib/server/designs/service";

/** Autosave of the canvas: replaces the document unless the design is locked or its mock time is up. */
export const saveDesign = defineAction({ grant: "candidate", schema: saveDesignInput }, async ({ designId, document }, user) =>
  saveDesignDocument(user.id, designId, document),
);
