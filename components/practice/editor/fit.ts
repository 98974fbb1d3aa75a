// How the canvas fits a design into view. Never above 100 %: a small design is shown at its real size, not
// blown up. The right-hand padding keeps the minimap (bottom right, about 200 px wide) from covering a node
// after a fit; on a narrow screen the minimap is hidden (see EDITOR_CSS), so no room is kept for it there.

// Above this many nodes, "fit" stops at a zoom where nodes are still readable: drawing every one of 2,000 nodes
// and their edges at once is what makes a huge canvas sluggish, and the minimap already gives the overview.
export const LARGE_DESIGN = 300;
const FIT_PADDING = { top: "24px", left: "24px", bottom: "24px", right: "230px" } as const;
// On a phone the zone bands (28 px around their nodes, 46 px above, lib/core/canvas/zones.ts) were cut off at the
// canvas edge by a padding of 8 % (about 27 px); fixed pixels keep a band and its label in view at any zoom <= 1.
const NARROW_PADDING = { top: "52px", left: "32px", bottom: "32px", right: "32px" } as const;
const narrowScreen = () => typeof window !== "undefined" && window.innerWidth < 700;

export const fitOptions = (count: number) => {
  const padding = narrowScreen() ? NARROW_PADDING : FIT_PADDING;
  return count > LARGE_DESIGN ? { padding, minZoom: 0.6, maxZoom: 1 } : { padding, minZoom: 0.2, maxZoom: 1 };
};

// Zone bands and highlights; kept here so the editor has no global CSS beyond React Flow's own.
export const EDITOR_CSS = `
.rt-design-editor .rt-zone-band { border: 1.5px dashed; border-radius: 12px; pointer-events: none; }
.rt-design-editor .rt-zone-public { border-color: rgb(14 165 233 / .6); background: rgb(14 165 233 / .06); }
.rt-design-editor .rt-zone-private { border-color: rgb(139 92 246 / .6); background: rgb(139 92 246 / .06); }
.rt-design-editor .rt-zone-data { border-color: rgb(245 158 11 / .7); background: rgb(245 158 11 / .07); }
.rt-design-editor .rt-zone-label { font-size: 12px; white-space: nowrap; pointer-events: none; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; opacity: .75; }
.rt-design-editor .react-flow__node.rt-highlight > div { box-shadow: 0 0 0 3px #ef4444, 0 0 14px rgb(239 68 68 / .5); }
.rt-design-editor .react-flow__edge.rt-highlight path { stroke: #ef4444; stroke-width: 3; }
.rt-design-editor .react-flow__node:hover, .rt-design-editor .react-flow__node:focus { z-index: 1000 !important; }
.rt-design-editor .react-flow__node:hover .rt-node-label, .rt-design-editor .react-flow__node:focus .rt-node-label,
.rt-design-editor .react-flow__node:hover .rt-node-kind, .rt-design-editor .react-flow__node:focus .rt-node-kind { -webkit-line-clamp: unset; display: block; overflow: visible; white-space: normal; }
.rt-design-editor .react-flow__node:focus-visible { outline: 2px solid #2f6fe4; outline-offset: 3px; border-radius: 10px; }
.rt-design-editor .react-flow__edge:focus-visible path { stroke: #2f6fe4; stroke-width: 3; }
@container (max-width: 40rem) { .rt-design-editor .react-flow__minimap { display: none; } }
`;
