import type { DesignDocument } from "./convert";

// Autosaved drafts in localStorage. The stored value is `{ savedAt, doc }`; a draft is offered back only when
// it still has the shape of a design (a half-finished design may legitimately fail the evaluator's deeper
// checks, such as a cycle, and must not be lost for that). Reading one back needs the design schema, so it lives in
// draft-read.ts, loaded only when a draft is there.

export type Draft = { savedAt: string; doc: DesignDocument };

export const draftStorageKey = (draftKey: string) => `roundtrip:design-draft:${draftKey}`;

export function serializeDraft(doc: DesignDocument, now: Date): string {
  return JSON.stringify({ savedAt: now.toISOString(), doc });
}
