"use client";

// The progress store's server actions and the wrapper it calls them through, in a chunk of their own: a
// signed-out reader (most readers of a static chapter) never calls them, so they stay out of the page's
// first-load JavaScript.
export { callAction } from "@/components/use-action";
export { listSectionProgress } from "@/lib/actions/list-section-progress";
export { markSectionDone } from "@/lib/actions/mark-section-done";
export { mergeSectionProgress } from "@/lib/actions/merge-section-progress";
export { unmarkSectionDone } from "@/lib/actions/unmark-section-done";
