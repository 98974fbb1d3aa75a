import type { NodeKind } from "@/lib/schemas/design";
import { KIND_CATALOGUE } from "@/lib/core/canvas/kinds";

export function KindIcon({ kind, className = "h-5 w-5" }: { kind: NodeKind; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {KIND_CATALOGUE[kind].icon.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
