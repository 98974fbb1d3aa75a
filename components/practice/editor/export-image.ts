import { designToSvg } from "@/lib/core/canvas/export-svg";

// Image export of a design: drawn from the design itself, never captured from the screen, so the picture holds
// every node (not only the viewport) and none of the canvas chrome.

const MAX_SIDE = 4096;

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
