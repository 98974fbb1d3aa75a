import { expect, test, type Page } from "@playwright/test";
import { axe, shootWidths } from "./audit-helpers";
import { signUpOverHttp, uniqueEmail } from "./helpers";
import { answerRequirements, forProblem, problemFile, type Doc } from "./practice-helpers";

// A candidate walks one problem as an interview: requirements, estimates (a typo refused with the field named,
// the typed value kept), a design, a follow-up round that breaks it, a fix, the remaining rounds and the
// reference diff; then the problem comes back on /review as a redesign drill that opens at the stage the candidate
// did worst. With PRACTICE_SCREENSHOTS=<dir> it also saves full-page screenshots at 1366 and 375 px,
// light and dark, for a person to look at.

const SLUG = "url-shortener";

/** One app server behind nothing, on the problem's scenario: the starter plus a thin backend. */
function oneBox(replicas: number): Buffer {
  const starter = problemFile(SLUG).starter;
  const doc: Doc = forProblem(SLUG, {
    ...starter,
    nodes: [
      ...starter.nodes,
      {
        id: "app",
        kind: "service",
        label: "App server",
        region: "us-east",
        props: { replicas, serviceTimeMs: 5, concurrency: 16 },
      },
    ],
    edges: starter.nodes.filter((n) => n.kind === "client").map((c, i) => ({ id: `e${i}`, from: c.id, to: "app" })),
  });
  return Buffer.from(JSON.stringify(doc));
}

async function importDesign(page: Page, buffer: Buffer) {
  await page
    .getByTestId("design-editor")
    .locator('input[type="file"]')
    .setInputFiles({ name: "design.json", mimeType: "application/json", buffer });
  // The status may already read "Saved at" from an earlier save: wait for this edit's own save.
  await expect(page.getByTestId("save-status")).toContainText(/Unsaved changes|Saving/);
  await expect(page.getByTestId("save-status")).toContainText("Saved at", { timeout: 20_000 });
}

/**
 * At 375 px the page must not scroll sideways: the document is no wider than the window. On failure the message
 * names the widest elements that stick out (tag, test id or class), which is what finding the culprit needs.
 */
async function expectNoSidewaysScroll(page: Page, what: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  const measure = () =>
    page.evaluate(() => {
      const describe = (el: Element) => {
        const id = el.getAttribute("data-testid");
        const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 4).join(".") : "";
        return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${cls ? `.${cls}` : ""}`;
      };
      // An element inside a sideways scroller sticks out harmlessly (the scroller clips it), unless it is absolutely
      // placed against a containing block outside that scroller: that escapee is what widens the page, so it is
      // named first (the evaluation history's sr-only "Actions" header was one, listed after 20 clipped cells).
      const clipped = (el: Element) => {
        if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      const width = window.innerWidth;
      const out = [...document.body.querySelectorAll("*")]
        .map((el) => ({ el, right: el.getBoundingClientRect().right, clipped: clipped(el) }))
        .filter((x) => x.right > width + 0.5)
        .sort((a, b) => Number(a.clipped) - Number(b.clipped) || b.right - a.right)
        .slice(0, 6)
        .map((x) => `${describe(x.el)} → ${Math.round(x.right)} px`);
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, sticksOut: out };
    });
  // The layout settles after the resize (React Flow measures its box); poll until it holds or the time is up.
  // Soft: the walk goes on, so one run reports every page that overflows.
  await expect.soft
    .poll(async () => {
      const m = await measure();
      return m.scrollWidth <= m.innerWidth ? "fits" : `${m.scrollWidth} px wide in ${m.innerWidth} px: ${m.sticksOut.join("; ")}`;
    }, { message: `${what} at 375 px scrolls sideways` })
    .toBe("fits");
  await page.setViewportSize({ width: 1366, height: 900 });
}

test("a candidate walks the four stages, a follow-up breaks the design, a fix, the reference diff and a scheduled re-attempt", async ({
  page,
}) => {
  // Twenty full-page screenshots (PRACTICE_SCREENSHOTS) took the walk past 420 s on a loaded machine.
  test.setTimeout(process.env.PRACTICE_SCREENSHOTS ? 900_000 : 420_000);
  const problem = problemFile(SLUG);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signUpOverHttp(page, "Ivy Interview", uniqueEmail("interview"));
  await page.goto(`/practice/${SLUG}`);
  await page.getByTestId("start-interview").click();
  await expect(page).toHaveURL(/\?design=/);
  const interview = page.getByTestId("interview");

  // 1. Requirements: the brief keeps its own list back until they are answered.
  await expect(page.getByText("Working out the requirements is the interview’s first stage")).toBeAttached();
  await answerRequirements(interview, problem.requirements);
  await expect(interview.getByTestId("requirements-feedback")).toContainText("Rightly left out");
  // The brief's own list is shown now that the stage is answered.
  await expect(page.getByRole("heading", { name: "Functional requirements", exact: true })).toBeAttached();

  // 2. Estimates: letters are refused with the field named and the typed text kept.
  await interview.getByTestId("continue").click();
  const qps = interview.getByLabel("Average queries per second (req/s)");
  await qps.fill("12k");
  await interview.getByLabel("Peak queries per second (req/s)").fill("5,000");
  await interview.getByLabel("New storage per year (GB)").fill("400");
  await interview.getByLabel("Peak outbound bandwidth (Mbit/s)").fill("20");
  await interview.getByLabel("Cache size (GB)").fill("70");
  await interview.getByTestId("submit-estimates").click();
  await expect(interview.getByRole("alert")).toContainText("Average queries per second: use digits only");
  await expect(qps).toHaveValue("12k");
  await expect(interview.getByLabel("Cache size (GB)")).toHaveValue("70");
  await qps.fill("1800");
  await interview.getByTestId("submit-estimates").click();
  await expect(interview.getByTestId("estimates-feedback")).toContainText("How it is worked out");
  await expect(interview.getByTestId("estimates-feedback")).toContainText("86,400");
  await interview.getByTestId("continue").click();

  // 3. The design: one small app server.
  await importDesign(page, oneBox(1));
  await expectNoSidewaysScroll(page, "The canvas page");
  await interview.getByTestId("submit-design").click();
  // Submitting opens the first follow-up round; the design's own score stays one click away.
  await expect(interview.getByTestId("follow-up-round")).toBeVisible();
  await interview.getByRole("button", { name: /^3\. Design/ }).click();
  await expect(interview.getByTestId("design-stage-result")).toContainText("/ 100");
  await interview.getByRole("button", { name: "Go to the follow-ups" }).click();
  await page.getByRole("tab", { name: "Result" }).click();
  await expect(page.getByTestId("result-panel")).toBeVisible();
  await expectNoSidewaysScroll(page, "The result screen");
  await shootWidths(page, "canvas-and-result", process.env.PRACTICE_SCREENSHOTS);

  // 4. Follow-up round 1 (traffic × 10) breaks it, by a measured amount.
  await interview.getByTestId("answer-round").click();
  const result = interview.getByTestId("round-result");
  await expect(result).toHaveAttribute("data-passed", "false");
  await expect(result).toContainText("App server is overloaded");
  await expect(result).toContainText("req/s more than it can serve");
  await expect(result).toContainText("What a strong answer does");
  await shootWidths(page, "follow-up-round", process.env.PRACTICE_SCREENSHOTS);

  // The candidate scales the server and re-submits the round: the overload is gone.
  await importDesign(page, oneBox(200));
  await interview.getByTestId("answer-round").click();
  await expect(result).toContainText("Attempt 2");
  await expect(result).not.toContainText("App server is overloaded");

  // The remaining rounds, then finish: the reference comparison opens.
  for (const round of problem.followUps.slice(1)) {
    await interview.getByTestId("next-round").click();
    await expect(interview.getByRole("heading", { name: new RegExp(round.title) })).toBeVisible();
    await expect(interview.getByTestId("round-result")).toContainText("Attempt 1");
  }
  await interview.getByTestId("finish-interview").click();
  await expect(page).toHaveURL(/\/designs\/[^/]+\/reference$/);
  const diff = page.getByTestId("diff");
  await expect(diff.locator('[data-diff-kind="missing-node"]').first()).toContainText(/points|no effect/);
  await expect(page.getByRole("heading", { name: "The reference’s own evaluation" })).toBeVisible();
  await expect(page.getByTestId("comparison-summary")).toContainText("the reference scores");
  // The reference is read-only: its scenario is text with units, not greyed-out inputs.
  const reference = page.locator("section", { has: page.getByRole("heading", { name: /^Reference design/ }) });
  await expect(reference.getByTestId("scenario-facts")).toContainText("req/s");
  await expect(reference.getByTestId("scenario-facts")).toContainText("%");
  await expect(reference.locator("input:disabled, select:disabled, textarea:disabled")).toHaveCount(0);
  // On a phone the fitted 12-node diagram is too small to read: the design is also given in words, every
  // component by name with what it calls.
  await page.setViewportSize({ width: 375, height: 800 });
  const inWords = reference.getByTestId("design-outline");
  await expect(inWords).toBeVisible();
  for (const node of problem.reference.nodes as { label?: string }[]) {
    if (node.label) await expect(inWords).toContainText(node.label);
  }
  await expect(inWords).toContainText(" calls ");
  await page.setViewportSize({ width: 1366, height: 900 });
  await expectNoSidewaysScroll(page, "The reference comparison");
  // Nothing on the page is a raw identifier.
  await expect(page.locator("body")).not.toContainText(/round_robin|0rtt|big-picture ›|no-backend/);
  await shootWidths(page, "reference-diff", process.env.PRACTICE_SCREENSHOTS);
  // The design's own page, with its score per attempt and the evaluation history table (36rem, in its own scroller):
  // the table's sr-only "Actions" header escaped that scroller and made the page 450-464 px wide.
  await page.goto(page.url().replace(/\/reference$/, ""));
  await expect(page.getByTestId("evaluation-history")).toBeVisible();
  // Times are written as people write them, in the browser's locale and zone, with the zone named (not "2026-12-06 09:49 UTC").
  const when = page.getByTestId("evaluation-history").locator("time").first();
  await expect(when).toHaveText(/\b20\d\d\b.*\d{1,2}:\d{2}.*\b(UTC|GMT)/);
  await expect(when).not.toHaveText(/\d{4}-\d{2}-\d{2}/);
  await expectNoSidewaysScroll(page, "The design page with its evaluation history");
  await shootWidths(page, "design-page", process.env.PRACTICE_SCREENSHOTS);

  // 5. The finished problem is scheduled as a redesign drill on /review: title, stage, due date in words.
  await page.goto("/review");
  const drill = page.getByTestId("drill").filter({ hasText: "URL shortener" });
  await expect(drill).toBeVisible();
  await expect(drill.getByTestId("drill-due")).toHaveText(/^due (now|today|tomorrow|in \d+ (days|weeks|months))$/);
  const stage = (await drill.getByTestId("drill-stage").textContent())?.trim() ?? "";
  expect(["Requirements", "Estimates", "Design", "Follow-up rounds"]).toContain(stage);
  // Why it starts there: this interview's score per stage, the weakest (where the re-attempt starts) marked.
  await expect(drill.getByTestId("drill-why")).toContainText(`${stage} (weakest)`);
  const audit = await axe(page)
    .include('[data-testid="drills"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(audit.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shootWidths(page, "drill-entry", process.env.PRACTICE_SCREENSHOTS);

  // Opening it starts a new attempt at that stage, the stages before it carried over.
  await drill.getByRole("button", { name: /Start the re-attempt/ }).click();
  await expect(page).toHaveURL(/\/practice\/url-shortener\?design=/);
  const step = {
    Requirements: "Requirements",
    Estimates: "Estimates",
    Design: "Design",
    "Follow-up rounds": "Follow-ups",
  }[stage]!;
  await expect(page.getByTestId("interview").locator('[aria-current="step"]')).toContainText(step);
  // Back on /review the drill says the re-attempt is under way.
  await page.goto("/review");
  await expect(
    page
      .getByTestId("drill")
      .filter({ hasText: "URL shortener" })
      .getByRole("button", { name: /Continue the re-attempt/ }),
  ).toBeVisible();
});

test("the canvas refits to the design when its box changes size, never above 100 % zoom", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signUpOverHttp(page, "Rhea Resize", uniqueEmail("resize"));
  await page.goto(`/practice/${SLUG}`);
  await page.getByTestId("start-interview").click();
  await expect(page).toHaveURL(/\?design=/);
  const reference = forProblem(SLUG, problemFile(SLUG).reference);
  await importDesign(page, Buffer.from(JSON.stringify(reference)));

  // Every node of the design is drawn (React Flow draws only what is in view), lies inside the canvas box, and the
  // design is fitted to the box's room (the box less fit.ts's padding): at 100 % zoom or filling it in width or
  // height, and overflowing it in neither. "Inside the box" alone held on code that never refitted: the 230 px
  // kept free on the right for the minimap absorbed the shrink from 798 to 584 px.
  const fitted = () =>
    page.evaluate(() => {
      const box = document.querySelector('[data-testid="canvas-box"]')?.getBoundingClientRect();
      const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect());
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : Number.NaN;
      if (!box || nodes.length === 0) return { drawn: 0, inside: false, filled: false, zoom };
      const inside = nodes.every((r) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1);
      const width = Math.max(...nodes.map((r) => r.right)) - Math.min(...nodes.map((r) => r.left));
      const height = Math.max(...nodes.map((r) => r.bottom)) - Math.min(...nodes.map((r) => r.top));
      // fit.ts: 24 px around and 230 px on the right (for the minimap) on screens 700 px and wider.
      const room = { w: box.width - 254, h: box.height - 48 };
      const fill = { w: width / room.w, h: height / room.h };
      const filled = (zoom >= 0.999 || fill.w >= 0.85 || fill.h >= 0.85) && fill.w <= 1.05 && fill.h <= 1.05;
      return { drawn: nodes.length, inside, filled, zoom };
    });
  const placement = async () => {
    const f = await fitted();
    return { drawn: f.drawn, inside: f.inside, filled: f.filled };
  };
  const want = { drawn: reference.nodes.length, inside: true, filled: true };
  await expect.poll(placement).toEqual(want);
  // Narrower (the palette and the properties panel move around the canvas), then wider, then back.
  for (const width of [820, 1600, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(placement, { message: `at ${width} px` }).toEqual(want);
    expect((await fitted()).zoom).toBeLessThanOrEqual(1);
  }
});
