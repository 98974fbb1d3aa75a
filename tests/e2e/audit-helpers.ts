import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

// What the practice, cohort and authoring walks do on every new page: axe (WCAG 2.2 AA) with no serious or
// critical violation in light and in dark, then, when a screenshot folder is given, full-page shots at 1366 and
// 375 px in both themes for a person to look at.

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// A widget's own audit: the chapter sweep's WCAG 2.2 AA rules (target-size among them, which axe leaves off unless
// its tag is named) and axe's best practices (which the widget specs' default-rule audits already checked).
const WIDGET_TAGS = [...WCAG_TAGS, "best-practice"];

/**
 * An axe run that reports violations in full and everything else in summary (axe's `resultTypes`). axe still runs
 * every rule on every node in context; it only stops building a unique CSS selector and an HTML excerpt for each
 * node that passes (on /learn/tcp-connections 4–20 % of a warm scan's CPU; same violations and targets). Only
 * violations are asserted on.
 * Legacy mode: axe.run in the page itself. The default runs axe.runPartial in the page, then opens a blank tab,
 * injects axe there again and ships every rule's partial result over to it for axe.finishRun; that exists for
 * cross-origin iframes, and our pages have no iframes (the CSP's frame-ancestors 'none' and none in app/ or
 * components/). Measured on /learn/tcp-connections (CPU of the test worker and browser, alternating, 3 rounds,
 * loaded machine): a whole-page scan 4.4–4.7 s against 2.3–2.8 s in legacy mode, a one-widget scan 2.4–3.1 s against
 * 1.5–1.6 s. With three planted violations (contrast, unnamed button, image without alt) both modes reported the
 * same rules, impacts and targets, for the whole page and for one widget slot.
 * Call it first: AxeBuilder's options() replaces the tags or rules set before it.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ["violations"] });
}

/**
 * Has the browser draw all of a chapter's prose and widgets before a scan. Prose and widget bodies away from the
 * screen are skipped (`content-visibility: auto`, components/learn/learn-content.css), and axe cannot tell the
 * colours of text that is not drawn: it reports such text as incomplete, not as passing or failing, so a scan of
 * the page as loaded would leave most of a chapter's contrast unchecked. A reader sees each block drawn once it is
 * scrolled to, which is what the scan then checks. Set through the CSSOM, which the page's CSP allows.
 */
export async function drawWholePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const block of document.querySelectorAll<HTMLElement>(".learn-content, [data-widget-state]")) block.style.contentVisibility = "visible";
  });
}

/** Serious and critical axe violations on the page, each as "id (impact): help — first targets". */
export async function seriousViolations(page: Page, exclude?: string): Promise<string[]> {
  const builder = axe(page).withTags(WCAG_TAGS);
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/** Full-page screenshots at 1366 and 375 px, light and dark, into `dir` (nothing when dir is unset). */
export async function shootWidths(page: Page, name: string, dir: string | undefined): Promise<void> {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // A full-page shot does not scroll: skipped prose would come out blank.
  await drawWholePage(page);
  for (const width of [1366, 375]) {
    for (const dark of [false, true]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
      // From the top: a full-page shot taken scrolled down draws the sticky header over the middle of the page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: path.join(dir, `${name}-${width}-${dark ? "dark" : "light"}.png`),
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

/**
 * axe in light and dark (no serious violation), then the screenshots. `exclude`: a selector left out of the audit
 * because another test audits that same component (a long form costs half a minute of axe per theme).
 */
export async function auditAndShoot(page: Page, name: string, dir: string | undefined, exclude?: string): Promise<void> {
  for (const dark of [false, true]) {
    await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
    expect(await seriousViolations(page, exclude), `${name} (${dark ? "dark" : "light"})`).toEqual([]);
  }
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
  await shootWidths(page, name, dir);
}

/**
 * axe on one widget slot (`section[data-widget]`: its heading, summary and the widget) in the state the test has
 * driven it to, with WIDGET_TAGS; no serious or critical violation. The chapter sweep in a11y.spec.ts audits each
 * widget as first mounted; tests/unit/content/widget-audits.test.ts fails when a chapter renders a widget that no
 * widget spec audits through this. Light theme by default; `themes` adds dark (the class the theme toggle sets,
 * switched in place). Dark is on for W1, whose selected layer once failed contrast there (slate-400 on slate-700,
 * 3.93:1); the other widgets are seen in dark only through learn.spec's dark scan of /learn/tcp-connections.
 */
export async function expectWidgetAccessible(page: Page, id: string, themes: ("light" | "dark")[] = ["light"]): Promise<void> {
  for (const theme of themes) {
    await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
    const results = await axe(page).include(`section[data-widget="${id}"]`).withTags(WIDGET_TAGS).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    expect(serious, `${id} (${theme})`).toEqual([]);
  }
}
