import { WidgetSlot } from "@/components/widgets/widget-slot";
import type { ContentPart } from "@/lib/content/types";

/** Rendered Markdown (built from our own content files at build time) interleaved with widget slots. */
export function ContentParts({ parts }: { parts: ContentPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === "html" ? (
          <div key={i} className="learn-content" dangerouslySetInnerHTML={{ __html: part.html }} />
        ) : (
          <WidgetSlot key={i} id={part.id} />
        ),
      )}
    </>
  );
}
