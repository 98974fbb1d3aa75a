import { figureRangeMs, formatFigureRange, referenceFigure } from "@/lib/content/reference-figures";

// Widgets simulate with one point value per latency, but the value has to stand for a figure of the course's
// table (content/reference-figures.json), so the widgets, chapters and evaluator cannot drift apart. Each widget
// names the figure beside its value; tests/unit/content/reference-figures.test.ts holds every value to its range.

export type WidgetFigure = {
  /** Id of the figure in content/reference-figures.json. */
  figureId: string;
  /** The value the widget simulates with (ms). */
  ms: number;
};

/** A widget's value (ms) for a table figure. Throws on an unknown id so a renamed figure fails at import. */
export function widgetFigure(figureId: string, ms: number): WidgetFigure {
  figureRangeMs(figureId);
  return { figureId, ms };
}

/** The table's range for a figure, as a reader sees it ("5–20 ms", "under 1 ms"). */
export function figureRangeLabel(figureId: string): string {
  return formatFigureRange(referenceFigure(figureId));
}
