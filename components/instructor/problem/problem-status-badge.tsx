import { Badge, type Tone } from "@/components/ui/badge";
import type { ProblemStatus } from "@/lib/schemas/problem-authoring";

const TONE: Record<ProblemStatus, Tone> = { draft: "neutral", published: "success", changed: "warning" };
const LABEL: Record<ProblemStatus, string> = { draft: "draft", published: "published", changed: "published, newer draft waiting" };

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
