import type { DesignNode } from "@/lib/schemas/design";
import { componentName, effectiveZone, KIND_CATALOGUE, type ZoneName } from "./kinds";
import { regionLabel } from "./labels";
import { NODE_HEIGHT, NODE_WIDTH, type XY } from "./layout";
import { zoneBands, zoneLabelPositions } from "./zones";

// The design as a real SVG drawing: zones, connections with arrowheads, nodes with their icon, name and kind,
// framed around the whole design (not what happens to be on screen). Pure: a string out, no DOM.

type SvgNode = { id: string; position: XY; data: { node: Pick<DesignNode, "kind" | "zone" | "label" | "region"> } };
type SvgEdge = { id: string; source: string; target: string };

const ZONE_COLOUR: Record<ZoneName, string> = { public: "#0ea5e9", private: "#8b5cf6", data: "#f59e0b" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function designToSvg(nodes: readonly SvgNode[], edges: readonly SvgEdge[], options: { dark?: boolean; title?: string } = {}): string {
  const fg = options.dark ? "#e2e8f0" : "#0f172a";
  const muted = options.dark ? "#94a3b8" : "#475569";
  const card = options.dark ? "#0f172a" : "#ffffff";
  const bg = options.dark ? "#020617" : "#ffffff";
  const bands = zoneBands(nodes);
  const xs = [...nodes.map((n) => n.position.x), ...bands.map((b) => b.x)];
  const ys = [...nodes.map((n) => n.position.y), ...bands.map((b) => b.y)];
  const xe = [...nodes.map((n) => n.position.x + NODE_WIDTH), ...bands.map((b) => b.x + b.width)];
  const ye = [...nodes.map((n) => n.position.y + NODE_HEIGHT), ...bands.map((b) => b.y + b.height)];
  const pad = 24;
  const minX = (xs.length ? Math.min(...xs) : 0) - pad;
  const minY = (ys.length ? Math.min(...ys) : 0) - pad;
  const width = Math.max(200, (xe.length ? Math.max(...xe) : 200) - minX + pad);
  const height = Math.max(120, (ye.length ? Math.max(...ye) : 120) - minY + pad);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="${minX} ${minY} ${Math.ceil(width)} ${Math.ceil(height)}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
    `<title>${esc(options.title ?? "Architecture")}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${muted}"/></marker></defs>`,
    `<rect x="${minX}" y="${minY}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" fill="${bg}"/>`,
  );
  for (const b of bands) {
    const c = ZONE_COLOUR[b.zone];
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="12" fill="${c}" fill-opacity="0.07" stroke="${c}" stroke-opacity="0.7" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  for (const e of edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const x1 = a.position.x + NODE_WIDTH;
    const y1 = a.position.y + NODE_HEIGHT / 2;
    const x2 = b.position.x;
    const y2 = b.position.y + NODE_HEIGHT / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    out.push(`<path d="M${x1} ${y1} C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}" fill="none" stroke="${muted}" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  for (const n of nodes) {
    const info = KIND_CATALOGUE[n.data.node.kind];
    const zone = effectiveZone(n.data.node);
    const { x, y } = n.position;
    const name = componentName(n.data.node);
    const kindLine = n.data.node.region ? `${info.title} · ${regionLabel(n.data.node.region)}` : info.title;
    // As on the canvas: the name wraps onto a second line rather than being cut, and the node's title holds it whole.
    const lines = wrapLabel(name, LABEL_CHARS, 2);
    const top = lines.length === 1 ? 24 : 18;
    out.push(
      `<g transform="translate(${x} ${y})">`,
      `<title>${esc(`${name} (${kindLine})`)}</title>`,
      `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${card}" stroke="${muted}" stroke-width="1"/>`,
      `<g transform="translate(10 16)" fill="none" stroke="${ZONE_COLOUR[zone]}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${info.icon.map((d) => `<path d="${esc(d)}"/>`).join("")}</g>`,
      `<text font-size="13" font-weight="600" fill="${fg}">${lines.map((l, i) => `<tspan x="42" y="${top + i * 15}">${esc(l)}</tspan>`).join("")}</text>`,
      `<text x="42" y="${lines.length === 1 ? 41 : 48}" font-size="11" fill="${muted}">${esc(truncate(kindLine, KIND_CHARS))}</text>`,
      `</g>`,
    );
  }
  // Zone labels last, so neither a band nor a node covers them.
  for (const l of zoneLabelPositions(bands, nodes)) {
    out.push(`<text x="${l.x}" y="${l.y + 10}" font-size="11" font-weight="600" letter-spacing="0.5" fill="${ZONE_COLOUR[l.zone]}">${l.zone.toUpperCase()} ZONE</text>`);
  }
  out.push("</svg>");
  return out.join("");
}

/** Characters of the 13 px semibold name (and the 11 px kind line) that fit the 130 px beside a node's icon: at 19 a wide line ran past the card in the export's screenshot. */
const LABEL_CHARS = 17;
const KIND_CHARS = 22;

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/**
 * Breaks a name into at most `maxLines` lines of `width` characters at spaces (a word longer than a line is cut),
 * the last line ending in "…" when the name does not fit.
 */
export function wrapLabel(text: string, width: number, maxLines: number): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (w.length <= width ? [w] : (w.match(new RegExp(`.{1,${width}}`, "g")) ?? [])));
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length === 0) return [""];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(" ")}`, width);
  return kept;
}
