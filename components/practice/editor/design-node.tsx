"use client";

import { Handle, Position, useStore, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { DesignFlowNode } from "@/lib/core/canvas/convert";
import { componentName, effectiveZone, KIND_CATALOGUE } from "@/lib/core/canvas/kinds";
import { regionLabel } from "@/lib/core/canvas/labels";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { KindIcon } from "./kind-icon";

const ZONE_ACCENT = {
  public: "text-sky-600 dark:text-sky-400",
  private: "text-violet-600 dark:text-violet-400",
  data: "text-amber-600 dark:text-amber-400",
} as const;

/** Below this zoom, text is unreadable anyway: nodes are drawn as plain tiles, which paints much faster. */
export const DETAIL_ZOOM = 0.3;
const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < DETAIL_ZOOM;

const ZONE_TILE = {
  public: "bg-sky-200 dark:bg-sky-900",
  private: "bg-violet-200 dark:bg-violet-900",
  data: "bg-amber-200 dark:bg-amber-900",
} as const;

// Memoised: with 2,000 nodes on the canvas only the node being dragged or edited may re-render.
function DesignNodeView({ data, selected, isConnectable }: NodeProps<DesignFlowNode>) {
  const node = data.node;
  const info = KIND_CATALOGUE[node.kind];
  const zone = effectiveZone(node);
  const simple = useStore(zoomedOut);
  if (simple) {
    return (
      <div
        style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
        title={`${componentName(node)} (${info.title})`}
        className={`rounded-lg border-4 ${selected ? "border-brand-500" : "border-slate-400 dark:border-slate-500"} ${ZONE_TILE[zone]}`}
      >
        <Handle type="target" position={Position.Left} isConnectable={false} className="!invisible" />
        <Handle type="source" position={Position.Right} isConnectable={false} className="!invisible" />
      </div>
    );
  }
  const label = componentName(node);
  const kindLine = node.region ? `${info.title} · ${regionLabel(node.region)}` : info.title;
  return (
    <div
      // minHeight, not height: a label longer than two lines is clamped with an ellipsis, and shown whole while the
      // node is hovered or has focus (EDITOR_CSS), when the card grows to fit it. The title gives the mouse
      // the whole text too; screen readers read the label's full text, which the clamp only hides visually.
      style={{ width: NODE_WIDTH, minHeight: NODE_HEIGHT }}
      title={`${label} (${kindLine})`}
      className={`rt-node flex items-center gap-1.5 rounded-lg border bg-white px-2 py-1 text-left shadow-sm dark:bg-slate-900 ${
        selected
          ? "border-brand-500 ring-2 ring-brand-500/40"
          : "border-slate-300 dark:border-slate-600"
      }`}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={isConnectable}
        className="!h-3 !w-3 !border-2 !border-white !bg-slate-500 dark:!border-slate-900"
        // Mouse-only: a div may not carry an aria-label, and the keyboard path connects from the properties panel.
        title={`Connection target of ${label}`}
        aria-hidden="true"
      />
      <span className={ZONE_ACCENT[zone]}>
        <KindIcon kind={node.kind} className="h-5 w-5" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="rt-node-label line-clamp-2 text-[13px] font-semibold leading-4 break-words text-slate-900 dark:text-slate-100" data-testid="node-label">
          {label}
        </span>
        <span className="rt-node-kind block truncate text-xs leading-4 text-slate-500 dark:text-slate-400">{kindLine}</span>
      </span>
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={isConnectable}
        className="!h-3 !w-3 !border-2 !border-white !bg-brand-500 dark:!border-slate-900"
        title={`Connection source of ${label}`}
        aria-hidden="true"
      />
    </div>
  );
}

export const DesignNode = memo(DesignNodeView);
