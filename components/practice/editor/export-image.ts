import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

// Image export of a canvas. The exported picture frames every rendered node (not the current viewport), and
// leaves out the minimap and zoom controls.

const IMAGE_PADDING = 0.08;
const MAX_SIDE = 4096;

const skipChrome = (el: HTMLElement) =>
  !(el.classList?.contains("react-flow__minimap") || el.classList?.contains("react-flow__controls") || el.classList?.contains("react-flow__panel"));

function background(): string {
  return document.documentElement.classList.contains("dark") ? "#020617" : "#ffffff";
}

/** PNG data URL of any element (e.g. a whole editor), without the canvas chrome. */
export function exportPng(element: HTMLElement): Promise<string> {
  return toPng(element, { backgroundColor: background(), filter: skipChrome, pixelRatio: 2 });
}

/** SVG data URL of any element, without the canvas chrome. */
export function exportSvg(element: HTMLElement): Promise<string> {
  return toSvg(element, { backgroundColor: background(), filter: skipChrome });
}

/** Renders a React Flow canvas's nodes (framed to fit) as PNG or SVG. `flowRoot` is the `.react-flow` element. */
export async function exportFlowImage(flowRoot: HTMLElement, nodes: Node[], format: "png" | "svg"): Promise<string> {
  const viewport = flowRoot.querySelector<HTMLElement>(".react-flow__viewport");
  if (!viewport) throw new Error("The canvas is not rendered");
  const bounds = getNodesBounds(nodes);
  const width = Math.min(MAX_SIDE, Math.max(400, Math.ceil(bounds.width * 1.2)));
  const height = Math.min(MAX_SIDE, Math.max(300, Math.ceil(bounds.height * 1.2)));
  const vp = getViewportForBounds(bounds, width, height, 0.05, 2, IMAGE_PADDING);
  const options = {
    backgroundColor: background(),
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
  return format === "png" ? toPng(viewport, options) : toSvg(viewport, options);
}

export function downloadDataUrl(url: string, filename: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "design"
  );
}
