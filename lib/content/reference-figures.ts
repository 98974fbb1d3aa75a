// The course's one table of reference figures (content/reference-figures.json), parsed once with zod. Pure: the JSON
// is bundled at build time, so chapters, widgets and the evaluator can all import the same numbers.
import raw from "@/content/reference-figures.json";
import { FIGURE_UNIT_MS, referenceFiguresFileSchema, type FigureUnit, type ReferenceFigure } from "@/lib/schemas/reference-figures";

const file = referenceFiguresFileSchema.parse(raw);

export const REFERENCE_FIGURE_GROUPS: readonly { id: string; label: string }[] = file.groups;
export const REFERENCE_FIGURES: readonly ReferenceFigure[] = file.figures;
export type { ReferenceFigure };

const byId = new Map(REFERENCE_FIGURES.map((f) => [f.id, f]));

/** The figure with this id; throws on an unknown id so a renamed figure cannot silently disappear. */
export function referenceFigure(id: string): ReferenceFigure {
  const figure = byId.get(id);
  if (!figure) throw new Error(`Unknown reference figure "${id}"`);
  return figure;
}

/** A figure's range in milliseconds, whatever unit the table states it in. */
export function figureRangeMs(id: string): { lowMs: number; highMs: number } {
  const f = referenceFigure(id);
  return { lowMs: f.low * FIGURE_UNIT_MS[f.unit], highMs: f.high * FIGURE_UNIT_MS[f.unit] };
}

function formatNumber(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** "10–30 ms", or "under 1 ms" when the range starts at zero. */
export function formatFigureRange(figure: Pick<ReferenceFigure, "low" | "high" | "unit">): string {
  if (figure.low === 0) return `under ${formatNumber(figure.high)} ${figure.unit}`;
  if (figure.low === figure.high) return `~${formatNumber(figure.low)} ${figure.unit}`;
  return `${formatNumber(figure.low)}–${formatNumber(figure.high)} ${figure.unit}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding figures that prose states, so a test can hold every chapter to the table.
//
// A text "states" a figure when one of the figure's aliases and a number with a time unit sit in the same sentence,
// at most MAX_GAP characters apart, with no other number-with-unit between them; each number goes to the nearest
// such alias. Sentences split further into clauses at "=" and "→" (so arithmetic on a figure, "4 × 5 = 20 ms", is
// not read as the figure) and at a conjunction joining two statements ("…, and about 200 ms halfway…"). In a table
// row, an alias in the first cell states the numbers of the second cell. Aliases therefore never contain "and".

const MAX_GAP = 40;
const UNIT_ALIASES: Record<string, FigureUnit> = { ns: "ns", "µs": "µs", "μs": "µs", us: "µs", ms: "ms", s: "s" };
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?`;
const QUANTITY = new RegExp(
  String.raw`(?<![\w.,])(?<upper><\s?|[Uu]nder\s|[Bb]elow\s|[Ll]ess than\s)?(?<a>${NUMBER})(?:\s?[–-]\s?(?<b>${NUMBER}))?\+?\s?(?<unit>ns|µs|μs|us|ms|s)(?![\p{L}\p{N}_])`,
  "gu",
);

export type StatedFigure = {
  figureId: string;
  alias: string;
  /** The words as written, e.g. "around 80 ms across a continent". */
  quote: string;
  kind: "value" | "range" | "upper";
  lowMs: number;
  highMs: number;
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const aliasToFigure = new Map<string, string>();
for (const f of REFERENCE_FIGURES) for (const a of f.aliases) aliasToFigure.set(a.toLowerCase(), f.id);
const ALIAS = new RegExp(
  `(?<![\\p{L}\\p{N}_-])(?:${[...aliasToFigure.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_-])`,
  "giu",
);

type Quantity = { start: number; end: number; kind: StatedFigure["kind"]; lowMs: number; highMs: number };

function parseNumber(text: string): number {
  return Number(text.replace(/,/g, ""));
}

function quantities(text: string): Quantity[] {
  return [...text.matchAll(QUANTITY)].map((m) => {
    const g = m.groups ?? {};
    const scale = FIGURE_UNIT_MS[UNIT_ALIASES[g.unit ?? "ms"] ?? "ms"];
    const a = parseNumber(g.a ?? "0") * scale;
    const b = g.b !== undefined ? parseNumber(g.b) * scale : undefined;
    const kind: Quantity["kind"] = g.upper ? "upper" : b !== undefined ? "range" : "value";
    return { start: m.index, end: m.index + m[0].length, kind, lowMs: kind === "upper" ? 0 : a, highMs: b ?? a };
  });
}

function aliases(text: string): { start: number; end: number; alias: string; figureId: string }[] {
  return [...text.matchAll(ALIAS)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    alias: m[0],
    figureId: aliasToFigure.get(m[0].toLowerCase()) ?? "",
  }));
}

function clauses(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?;])\s|\s?[=→]\s?|,?\s(?:and|but|while|whereas)\s/)
    .filter((c) => c.trim() !== "");
}

/** Every figure a piece of prose states, by the rule above. */
export function statedFigures(text: string): StatedFigure[] {
  const found: StatedFigure[] = [];
  for (const clause of clauses(text)) {
    const qs = quantities(clause);
    const as = aliases(clause);
    if (qs.length === 0 || as.length === 0) continue;
    qs.forEach((q, i) => {
      const prevQ = qs[i - 1]?.end ?? -1;
      const nextQ = qs[i + 1]?.start ?? Number.POSITIVE_INFINITY;
      const before = as.filter((a) => a.end <= q.start && a.start >= prevQ).at(-1);
      const after = as.find((a) => a.start >= q.end && a.end <= nextQ);
      const gapBefore = before ? q.start - before.end : Number.POSITIVE_INFINITY;
      const gapAfter = after ? after.start - q.end : Number.POSITIVE_INFINITY;
      const alias = gapBefore <= gapAfter ? before : after;
      if (!alias || Math.min(gapBefore, gapAfter) > MAX_GAP) return;
      const from = Math.min(alias.start, q.start);
      const to = Math.max(alias.end, q.end);
      found.push({ figureId: alias.figureId, alias: alias.alias, quote: clause.slice(from, to), kind: q.kind, lowMs: q.lowMs, highMs: q.highMs });
    });
  }
  return found;
}

/** Figures a table row states: an alias in its label cell, numbers in the next cell. */
export function statedFiguresInRow(label: string, value: string): StatedFigure[] {
  const named = aliases(label.replace(/\s+/g, " "));
  const alias = named.sort((a, b) => b.alias.length - a.alias.length)[0];
  if (!alias) return [];
  return quantities(value).map((q) => ({
    figureId: alias.figureId,
    alias: alias.alias,
    quote: `${label.trim()} | ${value.trim()}`,
    kind: q.kind,
    lowMs: q.lowMs,
    highMs: q.highMs,
  }));
}

/** Whether a stated figure lies inside the table's range for its label ("under X" needs low < X ≤ high). */
export function agreesWithTable(stated: StatedFigure): boolean {
  const { lowMs, highMs } = figureRangeMs(stated.figureId);
  const slack = highMs * 1e-9;
  if (stated.kind === "upper") return stated.highMs <= highMs + slack && stated.highMs > lowMs;
  return stated.lowMs >= lowMs - slack && stated.highMs <= highMs + slack;
}
