import { designSchema } from "@/lib/schemas/design";
import type { DesignDocument } from "./convert";
import type { Draft } from "./draft";

// A draft read back from localStorage: offered only when it still has the shape of a design. Apart from draft.ts
// because it needs zod, which the editor loads only when there is a draft to check.

export function parseDraft(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { savedAt?: unknown; doc?: unknown };
    if (typeof value.savedAt !== "string" || !designSchema.safeParse(value.doc).success) return null;
    return { savedAt: value.savedAt, doc: value.doc as DesignDocument };
  } catch {
    return null;
  }
}
