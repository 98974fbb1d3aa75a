import { emptyValue } from "@/components/instructor/schema-form";
import { problemSchema } from "@/lib/schemas/problem";

type Draft = Record<string, unknown>;

/** One user group in us-east: the least a canvas needs to be drawn on (the author changes the region in the form). */
const usersOnly = (name: string) => ({
  version: 1,
  name,
  nodes: [{ id: "users", kind: "client", label: "Users", region: "us-east", props: { share: 1, platform: "web" } }],
  edges: [],
});

/**
 * A problem from nothing: every list filled to its minimum with empty entries (so the author sees how many of
 * each the problem needs), numbers left empty (never a silent 0), one user group, and starter and reference
 * canvases holding just that group. It is not valid until the author fills it in; the editor lists what is missing.
 */
export function blankProblemDraft(position: number): Draft {
  const empty = emptyValue(problemSchema) as Draft;
  return {
    ...empty,
    position,
    difficulty: "medium",
    clients: [{ region: "us-east", share: 1, platform: "web" }],
    starter: usersOnly("Starter"),
    reference: usersOnly("Reference design"),
  };
}
