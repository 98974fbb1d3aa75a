"use client";

// The progress store's server actions, in a chunk of their own: a signed-out reader (most readers of a static
// chapter) never calls them, so their references stay out of the page's first-load JavaScript.
export { listSectionProgress } from "@/lib/actions/list-section-progress";
export { markSectionDone } from "@/lib/actions/mark-section-done";
export { mergeSectionProgress } from "@/lib/actions/merge-section-progress";
export { unmarkSectionDone } from "@/lib/actions/unmark-section-done";
