import type { DesignFlowEdge, DesignFlowNode } from "@/lib/core/canvas/convert";
import { componentNames, KIND_CATALOGUE } from "@/lib/core/canvas/kinds";
import { optionLabel, regionLabel } from "@/lib/core/canvas/labels";

// A read-only design as words: each component with its kind and region, and what it calls. On a phone a
// 12-node diagram fitted into 375 px is drawn too small to read (below 30 % zoom nodes become plain tiles);
// this list is what a first-time reader can follow, beside the canvas that can still be zoomed and panned.

/** The components of a design in the canvas's order, each with the names of the components it calls. */
export function DesignOutline({
  nodes,
  edges,
  title,
}: {
  nodes: DesignFlowNode[];
  edges: DesignFlowEdge[];
  title: string;
}) {
  const name = componentNames(nodes.map((n) => n.data.node));
  return (
    <details
      className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800"
      data-testid="design-outline"
      open
    >
      <summary className="cursor-pointer font-semibold">
        {title}: {nodes.length} component{nodes.length === 1 ? "" : "s"}, {edges.length} connection
        {edges.length === 1 ? "" : "s"}
      </summary>
      <ol className="mt-2 space-y-1.5">
        {nodes.map((n) => {
          const rec = n.data.node;
          const calls = edges.filter((e) => e.source === n.id);
          return (
            <li key={n.id} className="break-words">
              <span className="font-medium">{name.get(n.id)}</span>{" "}
              <span className="text-slate-600 dark:text-slate-400">
                ({KIND_CATALOGUE[rec.kind].title}
                {rec.region ? `, ${regionLabel(rec.region)}` : ""})
              </span>
              {calls.length > 0 ? (
                <>
                  {" "}
                  calls{" "}
                  {calls.map((e, i) => {
                    const protocol = e.data?.edge.props?.protocol;
                    return (
                      <span key={e.id}>
                        {i > 0 ? (i === calls.length - 1 ? " and " : ", ") : ""}
                        {name.get(e.target)}
                        {protocol ? ` over ${optionLabel("protocol", protocol)}` : ""}
                      </span>
                    );
                  })}
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
