import { toPng, toSvg } from "html-to-image";
import { designToSvg } from "@/lib/core/canvas/export-svg";

// Image export of a canvas. The exported picture frames every rendered node (not the current viewport), and
// leaves out the minimap and zoom controls.

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

/**
 * The whole design (not only what is on screen) as an image: a real SVG drawing of zones, connections, nodes
 * and labels, and a PNG rendered from that same SVG at twice its size.
 */
export async function exportDesignImage(
  nodes: Parameters<typeof designToSvg>[0],
  edges: Parameters<typeof designToSvg>[1],
  format: "png" | "svg",
  title: string,
): Promise<string> {
  const svg = designToSvg(nodes, edges, { dark: document.documentElement.classList.contains("dark"), title });
  const svgUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  if (format === "svg") return svgUrl;
  const image = new Image();
  image.src = svgUrl;
  await image.decode();
  const scale = Math.min(2, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.naturalWidth * scale);
  canvas.height = Math.round(image.naturalHeight * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw the image");
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/png");
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
