import { designSchema } from "@/lib/schemas/design";
import type { DesignDocument } from "./convert";

// Autosaved drafts in localStorage. The stored value is `{ savedAt, doc }`; a draft is offered back only when
// it still has the shape of a design (a half-finished design may legitimately fail the evaluator's deeper
// checks, such as a cycle, and must not be lost for that).

export type Draft = { savedAt: string; doc: DesignDocument };

export const draftStorageKey = (draftKey: string) => `roundtrip:design-draft:${draftKey}`;

export function serializeDraft(doc: DesignDocument, now: Date): string {
  return JSON.stringify({ savedAt: now.toISOString(), doc });
}

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
