import { ViewportPortal } from "@xyflow/react";
import { useMemo } from "react";
import type { DesignFlowNode } from "@/lib/core/canvas/convert";
import { optionLabel } from "@/lib/core/canvas/labels";
import { zoneBands, zoneLabelPositions } from "@/lib/core/canvas/zones";

/** The dashed public/private/data zone bands behind the nodes, with their labels. */
export function ZoneOverlay({ nodes }: { nodes: DesignFlowNode[] }) {
  const bands = useMemo(() => zoneBands(nodes), [nodes]);
  return (
    <ViewportPortal>
      {bands.map((b, i) => (
        <div
          key={`${b.zone}-${i}`}
          aria-hidden="true"
          data-zone-band={b.zone}
          className={`rt-zone-band rt-zone-${b.zone}`}
          style={{ position: "absolute", zIndex: -1, transform: `translate(${b.x}px, ${b.y}px)`, width: b.width, height: b.height }}
        />
      ))}
      {/* Labels in a pass of their own, above every band: an overlapping band never hides another's label. */}
      {zoneLabelPositions(bands, nodes).map((l, i) => (
        <span key={`label-${l.zone}-${i}`} aria-hidden="true" className="rt-zone-label" style={{ position: "absolute", zIndex: 0, transform: `translate(${l.x}px, ${l.y}px)` }}>
          {optionLabel("zone", l.zone)} zone
        </span>
      ))}
    </ViewportPortal>
  );
}
