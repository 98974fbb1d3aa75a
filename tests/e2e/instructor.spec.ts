import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, signInOverHttp } from "./helpers";

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInOverHttp(page, email);
  return page;
}

test("a candidate gets 403 on every instructor page and on the export download", async ({ browser }) => {
  const page = await pageAs(browser, DEMO.candidate);
  for (const path of ["/instructor", "/instructor/questions", "/instructor/questions/new", "/instructor/import", "/instructor/stats", "/instructor/cohorts"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "This area is not open to your role" })).toBeVisible();
  }
  const download = await page.request.get("/api/instructor/export?format=json");
  expect(download.status()).toBe(403);
  await page.context().close();
});

test("an instructor writes a numeric question, previews and publishes it; a cohort member answers it; the statistics show it", async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const id = `edge-security/e2e-${stamp}`;
  const prompt = `Drill ${stamp}: one round trip takes 40 ms. How long do two sequential round trips take?`;

  const instructor = await pageAs(browser, DEMO.instructor);

  // A cohort and its invite link.
  await instructor.goto("/instructor/cohorts");
  await instructor.getByLabel("New cohort name").fill(`E2E cohort ${stamp}`);
  await instructor.getByRole("button", { name: "Create cohort" }).click();
  const cohortCard = instructor.getByTestId("cohort").filter({ hasText: `E2E cohort ${stamp}` });
  const invite = cohortCard.getByTestId("invite-link");
  await expect(invite).toHaveValue(/\/cohorts\/join\/[\w-]{20,}$/);
  const inviteUrl = new URL(await invite.inputValue()).pathname;

  // Write the question with the generated form.
  await instructor.goto("/instructor/questions/new");
  await instructor.getByLabel("Question type").selectOption("numeric");
  await instructor.getByLabel("Chapter", { exact: true }).selectOption("edge-security");
  await instructor.getByLabel("Id", { exact: true }).fill(id);
  await instructor.getByLabel("Section (link target)").selectOption("rate-limiting");
  await instructor.getByLabel("Difficulty", { exact: true }).selectOption("easy");
  await instructor.getByLabel("Tag 1", { exact: true }).fill("latency");
  await instructor.getByLabel("Prompt (Markdown)").fill(prompt);
  await instructor.getByLabel("Explanation shown after answering (Markdown)").fill("Sequential round trips add up: 2 × 40 ms = 80 ms.");
  await instructor.getByLabel("Correct answer").fill("80");
  await instructor.getByLabel("Value", { exact: true }).fill("2");
  await instructor.getByLabel("Unit", { exact: true }).fill("ms");
  await instructor.getByLabel("Feedback when the answer is too low (optional)").fill("That is one round trip; there are two.");

  // The live preview, as a candidate sees it, with the feedback after a trial answer.
  const preview = instructor.getByTestId("question-preview");
  await expect(preview).toContainText(prompt);
  await preview.getByLabel("Your answer (ms)").fill("40");
  await preview.getByRole("button", { name: "Check answer" }).click();
  await expect(preview.getByTestId("preview-feedback")).toContainText("Not quite");
  await expect(preview.getByTestId("preview-feedback")).toContainText("That is one round trip; there are two.");
  await preview.getByRole("button", { name: "Try again" }).click();
  await preview.getByLabel("Your answer (ms)").fill("81");
  await preview.getByRole("button", { name: "Check answer" }).click();
  await expect(preview.getByTestId("preview-feedback")).toContainText("Correct");

  await instructor.getByRole("button", { name: "Create draft" }).click();
  await expect(instructor).toHaveURL(new RegExp(`/instructor/questions/${id}$`));
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText(id);
  await instructor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(instructor.getByText("Now published.")).toBeVisible();
  await expect(instructor.getByTestId("audit-log")).toContainText("published it");
  await expect(instructor.getByTestId("audit-log")).toContainText("created it");

  // The candidate joins the cohort by its link and takes the chapter quiz, which now holds the question.
  const candidate = await pageAs(browser, DEMO.candidate);
  await candidate.goto(inviteUrl);
  await candidate.getByRole("button", { name: "Join cohort" }).click();
  await expect(candidate.getByText(`You joined “E2E cohort ${stamp}”.`)).toBeVisible();
  await expect(candidate.getByRole("button", { name: "Leave cohort" })).toBeVisible();

  await candidate.goto("/quizzes/edge-security?mode=all");
  const cards = candidate.locator("main form > ol > li");
  await expect(cards.filter({ hasText: prompt })).toHaveCount(1);
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const number = card.locator('input[inputmode="decimal"]');
    if ((await card.getByText(prompt).count()) > 0) await number.fill("80");
    else if ((await number.count()) > 0) await number.fill("1");
    else {
      const radios = card.locator('input[type="radio"]');
      if ((await radios.count()) > 0) await radios.first().check();
    }
  }
  await candidate.getByRole("button", { name: "Submit answers" }).click();
  // Questions left blank are listed first; the candidate hands in anyway.
  const anyway = candidate.getByRole("button", { name: "Submit anyway" });
  await expect.poll(async () => (await anyway.isVisible()) || /\/quizzes\/attempts\//.test(candidate.url())).toBe(true);
  if (await anyway.isVisible()) await anyway.click();
  await expect(candidate).toHaveURL(/\/quizzes\/attempts\//);

  // One person's answers are never shown on their own (issue #13): the question answered by one candidate is
  // hidden from the statistics, and a one-member cohort shows nothing per question.
  await instructor.goto("/instructor/stats?chapter=edge-security");
  await expect(instructor.getByText(/hidden: answered by fewer than 5 people/)).toBeVisible();
  await expect(instructor.locator(`tr[data-question="${id}"]`)).toHaveCount(0);
  await instructor.getByLabel("Cohort", { exact: true }).selectOption({ label: `E2E cohort ${stamp} (1)` });
  await instructor.getByRole("button", { name: "Show" }).click();
  await expect(instructor.getByTestId("stats-suppressed")).toContainText("at least 5 members");
  await expect(instructor.locator(`tr[data-question="${id}"]`)).toHaveCount(0);

  // The candidate can leave again from the invite page.
  await candidate.goto(inviteUrl);
  await candidate.getByRole("button", { name: "Leave cohort" }).click();
  await expect(candidate.getByRole("button", { name: "Join cohort" })).toBeVisible();

  await candidate.context().close();
  await instructor.context().close();
});

test("an import with a broken question reports its line and creates nothing", async ({ browser }) => {
  const page = await pageAs(browser, DEMO.instructor);
  const stamp = Date.now().toString(36);
  await page.goto("/instructor/import");
  await page.getByLabel("Or paste the file").fill(
    [`::imp ${stamp} ok::Which port does DNS use?{=53 ~80 ~443}`, "", `::imp ${stamp} bad::How many? {#3:-1}`].join("\n"),
  );
  await page.getByRole("button", { name: "Check and preview" }).click();
  await expect(page.getByTestId("import-errors")).toHaveText("line 3: numeric tolerance -1 is below zero");
  await expect(page.getByRole("button", { name: /^Import/ })).toBeDisabled();

  await page.getByLabel("Or paste the file").fill(`::imp ${stamp} ok::Which port does DNS use?{=53 ~80 ~443}`);
  await page.getByRole("button", { name: "Check and preview" }).click();
  await expect(page.getByText("Will create 1 question")).toBeVisible();
  await page.getByRole("button", { name: "Import 1 question" }).click();
  await expect(page.getByText("Imported 1 question as drafts.")).toBeVisible();
  await page.goto(`/instructor/questions?q=imp-${stamp}`);
  await expect(page.getByText(`big-picture/imp-${stamp}-ok`)).toBeVisible();
  await page.context().close();
});
