import { readdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axe, drawWholePage } from "./audit-helpers";
import { signUpOverHttp, uniqueEmail } from "./helpers";
import { forProblem, type Doc } from "./practice-helpers";

const chapterSlugs = readdirSync("content/chapters")
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => /^slug:\s*(\S+)/m.exec(readFileSync(`content/chapters/${f}`, "utf8"))?.[1])
  .filter((s): s is string => Boolean(s));

/**
 * Brings every widget slot into view so each lazily loaded widget mounts before the audit, then waits for the
 * widgets with a loader to turn interactive. Driven from the test, one slot at a time: an in-page loop that
 * waited on requestAnimationFrame at each step hung now and then on a cold page (the renderer stopped producing
 * frames mid-loop and the evaluate never returned).
 */
async function scrollThrough(page: Page) {
  const slots = page.locator("[data-widget-state]");
  const count = await slots.count();
  for (let i = 0; i < count; i++) {
    await slots.nth(i).scrollIntoViewIfNeeded();
    await expect(slots.nth(i)).toHaveAttribute("data-widget-state", "interactive");
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState("networkidle");
}

async function seriousViolations(page: Page) {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

// One axe run over a long chapter with its widgets is CPU-bound: about 8 s idle, over 60 s on a loaded 2-core machine.
test.describe.configure({ timeout: 300_000 });

test("every chapter of the writers' guide is audited", () => {
  const guide = [...readFileSync("docs/content-format.md", "utf8").matchAll(/^\| \d+ \| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  expect(guide.length).toBeGreaterThanOrEqual(17);
  expect(chapterSlugs).toEqual(guide);
});

// Widgets are scanned here as the reader first meets them (mounted, not yet touched), inside the full chapter scan:
// measured on the dns chapter, the three widgets added ~4 s of renderer CPU to a 29 s scan, where auditing each on
// its own costs ~5 s apiece (axe prepares the whole page for any scan). The widget specs audit each widget again
// after driving it (expectWidgetAccessible in audit-helpers.ts).
for (const slug of chapterSlugs) {
  test(`chapter ${slug} with its widgets has no serious or critical accessibility violations`, async ({ page }) => {
    const res = await page.goto(`/learn/${slug}`);
    expect(res?.status()).toBe(200);
    await scrollThrough(page);
    await drawWholePage(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

// /learn, /learn/checklist and the glossary are audited light and dark in tests/e2e/learn.spec.ts with every rule and
// impact, a superset of this sweep's; auditing them here too only doubled the longest scans.
const PAGES: { path: string; themes: ("light" | "dark")[] }[] = [
  { path: "/", themes: ["light", "dark"] },
  { path: "/quizzes", themes: ["light", "dark"] },
  { path: "/practice", themes: ["light", "dark"] },
  { path: "/sign-in", themes: ["light", "dark"] },
  { path: "/sign-up", themes: ["light", "dark"] },
];

for (const { path, themes } of PAGES) {
  test(`${path} has no serious or critical accessibility violations (${themes.join(" and ")})`, async ({ page }) => {
    await page.goto(path);
    for (const theme of themes) {
      await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
      expect(await seriousViolations(page), theme).toEqual([]);
    }
  });
}

// The practice workspace once scored: the canvas, the result panel with one waterfall per request path (three
// client groups), and the design page with its score-per-attempt chart.
test("a scored design: workspace, waterfalls and score per attempt have no serious or critical violations (light and dark)", async ({ page }) => {
  // Four full scans of two heavy pages: at load 25-60 on 2 cores the run took ~250 s, every step progressing (the
  // trace showed no stall), so the 240 s that this test once set (below the file's 300 s) cut it off mid-scan.
  test.setTimeout(420_000);
  await signUpOverHttp(page, "Ada Audit", uniqueEmail("a11y-design"));
  await page.goto("/practice/global-product-api");
  const doc = forProblem("global-product-api", JSON.parse(readFileSync("lib/core/evaluator/examples/global-read-heavy.json", "utf8")) as Doc);
  const buffer = Buffer.from(JSON.stringify(doc));
  await page.getByTestId("design-editor").locator('input[type="file"]').setInputFiles({ name: "global.json", mimeType: "application/json", buffer });
  for (const n of [1, 2]) {
    await page.getByTestId("evaluate").click();
    await expect(page.getByTestId("result-area")).toHaveAttribute("data-evaluations", String(n), { timeout: 30_000 });
  }
  await expect(page.getByTestId("waterfall-2")).toBeAttached();
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
    expect(await seriousViolations(page), `workspace ${theme}`).toEqual([]);
  }
  const designId = new URL(page.url()).searchParams.get("design");
  expect(designId).toBeTruthy();
  await page.goto(`/designs/${designId}`);
  await expect(page.getByTestId("score-per-attempt").locator("svg").first()).toContainText("#2");
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
    expect(await seriousViolations(page), `design page ${theme}`).toEqual([]);
  }
});
