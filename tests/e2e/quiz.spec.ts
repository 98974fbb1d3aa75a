import { expect, test, type Locator, type Page } from "@playwright/test";
import { recordIntlFormatting, signUpOverHttp, uniqueEmail } from "./helpers";

// A reused keep-alive connection that the server closed at the same moment resets; a browser retries such a GET,
// and these tests read script bodies, not connection reuse (an idle full run, session 10: "read ECONNRESET").
const SCRIPT_FETCH = { maxRetries: 2 };

/** Presses Tab until `target` has focus: the test reaches every control the way a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the control with Tab");
}

/** Answers whatever question is on screen using only the keyboard (the right answer is unknown to the page). */
async function answerWithKeyboard(page: Page, form: Locator): Promise<void> {
  const radios = form.locator('input[type="radio"]:not([name^="rating"])');
  const boxes = form.locator('input[type="checkbox"]');
  const number = form.locator('input[inputmode="decimal"]');
  const text = form.locator('input[type="text"]:not([inputmode])');
  const moves = form.getByRole("button", { name: /^Move / });
  const selects = form.locator("select");
  if (await number.count()) {
    await tabTo(page, number);
    await page.keyboard.type("100");
  } else if (await text.count()) {
    // A short answer (other test files may publish one into this chapter).
    await tabTo(page, text);
    await page.keyboard.type("tcp");
  } else if (await moves.count()) {
    const down = form.getByRole("button", { name: / down$/ }).first();
    await tabTo(page, down);
    await page.keyboard.press("Enter");
    await expect(form.getByText(/moved to position 2/)).toBeAttached();
  } else if (await selects.count()) {
    await tabTo(page, selects.first());
    await page.keyboard.press("ArrowDown");
    await expect(selects.first()).not.toHaveValue("");
  } else if (await boxes.count()) {
    await tabTo(page, boxes.first());
    await page.keyboard.press("Space");
    await expect(boxes.first()).toBeChecked();
  } else {
    await tabTo(page, radios.first());
    await page.keyboard.press("Space");
    await expect(radios.first()).toBeChecked();
  }
}

test("the quiz page sends questions without answers or feedback", async ({ page }) => {
  await signUpOverHttp(page, "Leak Checker", uniqueEmail("quiz-leak"));
  const res = await page.request.get("/quizzes/tls?mode=all");
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain("Submit answers");
  // Full questions carry "correct", "feedback", "explanation", "answer" and "pairs"; public ones never do.
  for (const key of ['\\"correct\\"', '\\"feedback\\"', '\\"explanation\\"', '\\"answer\\"', '\\"pairs\\"', '"correct":', '"explanation":']) {
    expect(html, key).not.toContain(key);
  }
});

test("the quiz page's first-load scripts carry neither zod nor mathjs", async ({ page }) => {
  // Answers are checked on the server; the quiz forms need two constants, not the schemas (zod) or the estimate
  // formulas (mathjs, 140 kB gzipped) those constants once came with. "$ZodType" and "DenseMatrix" are class names
  // each library keeps in its minified code.
  await signUpOverHttp(page, "Script Counter", uniqueEmail("quiz-scripts"));
  const html = await (await page.request.get("/quizzes/tls")).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const bodies = await Promise.all(scripts.map(async (src) => (await page.request.get(src, SCRIPT_FETCH)).text()));
  expect(bodies.join("")).toContain("__next_f");
  expect(scripts.filter((_, i) => bodies[i]!.includes("$ZodType"))).toEqual([]);
  expect(scripts.filter((_, i) => bodies[i]!.includes("DenseMatrix"))).toEqual([]);
});

test("the quiz page loads without building an Intl number formatter", async ({ page }) => {
  // The quiz's number formatting built an Intl.NumberFormat when its module loaded: Chromium then built ICU's number
  // formatter in the script evaluation of every quiz page, whether a number was shown or not. All questions on one
  // page (the chapter's numeric one included) and the hints and marks format their numbers without Intl.
  await signUpOverHttp(page, "Intl Watcher", uniqueEmail("quiz-intl"));
  const intl = await recordIntlFormatting(page);
  await page.goto("/quizzes/big-picture?mode=all");
  await expect(page.getByText(/anything within ±|Exact answer expected/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeEnabled();
  // Numbers are what the quiz formats; dates belong to the page's shell, not to this test.
  expect((await intl()).filter((call) => call !== "Intl.DateTimeFormat")).toEqual([]);
});

test("submitting needs a session and a valid body", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const anon = await anonymous.post("/api/quiz/attempts", { data: {} });
  expect(anon.status()).toBe(401);
  await anonymous.dispose();

  await signUpOverHttp(page, "Bad Body", uniqueEmail("quiz-bad"));
  const bad = await page.request.post("/api/quiz/attempts", {
    data: { idempotencyKey: "nope", kind: "chapter", chapter: "dns", startedAt: new Date().toISOString(), answers: [] },
  });
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { errors: { path: string }[] };
  expect(body.errors.map((e) => e.path)).toContain("idempotencyKey");
});

test("take a chapter quiz with the keyboard only, see feedback, finish, then the dashboard and a review", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpOverHttp(page, "Keyboard Kim", uniqueEmail("quiz-keys"));
  await page.goto("/quizzes/dns");
  const form = page.locator("main form");
  const counter = form.getByRole("heading", { level: 2 }).first();
  await expect(counter).toContainText("Question 1 of");
  const total = Number(/of (\d+)/.exec((await counter.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(8);

  for (let i = 1; i <= total; i++) {
    await expect(counter).toContainText(`Question ${i} of ${total}`);
    await answerWithKeyboard(page, form);
    const check = form.getByRole("button", { name: "Check answer" });
    await tabTo(page, check);
    await page.keyboard.press("Enter");
    // Immediate feedback: a verdict, the explanation and a link to the section that teaches it.
    await expect(form.getByRole("heading", { name: /^(Correct|Partly right|Not quite)/ })).toBeVisible();
    await expect(form.getByText("Read more:")).toBeVisible();
    await expect(form.locator('a[href^="/learn/dns#"]').last()).toBeVisible();
    if (i === 1) {
      // The optional self-rating is a radio group too.
      const again = form.locator('input[name^="rating"][value="Again"]');
      await tabTo(page, again);
      await page.keyboard.press("Space");
      await expect(again).toBeChecked();
    }
    const next = form.getByRole("button", { name: i === total ? "Finish quiz" : "Next question" });
    await tabTo(page, next);
    await page.keyboard.press("Enter");
  }

  await expect(page).toHaveURL(/\/quizzes\/attempts\//);
  await expect(page.getByRole("heading", { name: /Your score/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What to read next" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Question by question" })).toBeVisible();
  const attemptUrl = page.url();

  // The dashboard shows the new attempt for the chapter and a scheduled review.
  await page.goto("/dashboard");
  const row = page.getByTestId("chapter-row-dns");
  await expect(row.getByTestId("latest-score")).toHaveText(/\d+ %/);
  await expect(row.getByTestId("best-score")).toHaveText(/\d+ %/);
  await expect(page.getByTestId("reviews-summary")).toContainText("Next review scheduled");
  await expect(page.getByTestId("reviews-summary")).toContainText(`${total} cards in total`);

  // Question 1 was rated Again, so it is due today: review it with the keyboard and see the next date.
  await page.goto("/review");
  const reviewForm = page.getByTestId("review-card");
  await expect(reviewForm.getByRole("heading", { level: 2 }).first()).toContainText("due");
  await answerWithKeyboard(page, reviewForm);
  await tabTo(page, reviewForm.getByRole("button", { name: "Check answer" }));
  await page.keyboard.press("Enter");
  const again = reviewForm.getByRole("button", { name: /^Again/ });
  await tabTo(page, again);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("review-scheduled")).toContainText("That card comes back");

  // Someone else cannot open this attempt.
  await page.context().clearCookies();
  await signUpOverHttp(page, "Other Person", uniqueEmail("quiz-other"));
  const other = await page.goto(attemptUrl);
  expect(other?.status()).toBe(404);
});
