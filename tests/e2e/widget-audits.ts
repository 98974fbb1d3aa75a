// Which widgets the widget specs audit with axe after driving them, read from the specs' source, for
// tests/unit/content/widget-audits.test.ts (it fails when a chapter renders a widget that no widget spec audits).
import { readFileSync } from "node:fs";
import path from "node:path";

/** The specs that open widgets in their chapters one by one, drive them and audit them. */
export const WIDGET_SPECS = ["tests/e2e/widgets-core.spec.ts", "tests/e2e/widgets-extra.spec.ts"];

/** A spec's code without comments, so a call that was commented out does not count. */
function code(root: string, spec: string): string {
  return readFileSync(path.join(root, spec), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
}

/**
 * Widget ids audited with `expectWidgetAccessible(page, "W…")` (tests/e2e/audit-helpers.ts: the widget's slot in
 * light, the WCAG 2.2 AA tags and best practices), and the (chapter, id) pairs the specs open with
 * `openWidget(page, "chapter", "W…")`.
 */
export function widgetAudits(root = process.cwd()): { audited: Set<string>; opened: [chapter: string, id: string][] } {
  const audited = new Set<string>();
  const opened: [string, string][] = [];
  for (const spec of WIDGET_SPECS) {
    const text = code(root, spec);
    for (const m of text.matchAll(/\bexpectWidgetAccessible\(\s*page\s*,\s*"(W\d+)"/g)) audited.add(m[1]!);
    for (const m of text.matchAll(/\bopenWidget\(\s*page\s*,\s*"([a-z0-9-]+)"\s*,\s*"(W\d+)"\s*\)/g)) opened.push([m[1]!, m[2]!]);
  }
  return { audited, opened };
}
