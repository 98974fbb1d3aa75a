import { expect, test, type Browser, type Page } from "@playwright/test";
import { auditAndShoot } from "./audit-helpers";
import { DEMO, signIn, signUp, uniqueEmail } from "./helpers";
import { forProblem, problemFile } from "./practice-helpers";

// An instructor of the test's own writes a practice problem in the app (a copy of the url-shortener with a
// new follow-up), previews it with its reference design scored, creates the draft, which candidates cannot
// open, publishes it, and a candidate of the test's own then walks it through every stage. Every new page is
// audited with axe in light and dark. With AUTHOR_SCREENSHOTS=<dir> it saves full-page screenshots at 1366 and
// 375 px, light and dark.

const BASE = "url-shortener";
const PASSWORD = "correct-horse-battery";

/** A user of this test's own, promoted to instructor by the demo admin, signed in afresh (a role change ends sessions). */
async function newInstructor(browser: Browser, stamp: string): Promise<Page> {
  const name = `Ines Author ${stamp}`;
  const email = uniqueEmail("author");
  const page = await (await browser.newContext()).newPage();
  await signUp(page, name, email);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/admin/users");
  await admin.getByLabel(`Role of ${name}`).selectOption("INSTRUCTOR");
  await expect(admin.getByText("Saved: instructor")).toBeVisible();
  await admin.context().close();
  await signIn(page, email, PASSWORD);
  return page;
}

test("an instructor writes and publishes a problem with a new follow-up; a candidate solves it", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const slug = `e2e-shortener-${stamp}`;
  const title = `Short links ${stamp}`;
  const roundTitle = `Twice the load ${stamp}`;
  const base = problemFile(BASE);

  const instructor = await newInstructor(browser, stamp);
  await instructor.setViewportSize({ width: 1366, height: 900 });
  expect((await instructor.goto("/instructor/problems"))?.status()).toBe(200);
  await expect(instructor.getByRole("link", { name: "Practice problems" })).toHaveAttribute("aria-current", "page");
  await auditAndShoot(instructor, "problems-list", process.env.AUTHOR_SCREENSHOTS);

  await instructor.getByRole("link", { name: "New problem" }).click();
  await instructor.getByLabel("Start from a copy of").selectOption(BASE);
  await instructor.getByRole("button", { name: "Use this problem" }).click();
  await expect(instructor).toHaveURL(/from=url-shortener/);
  const about = instructor.getByRole("region", { name: "The problem", exact: true });
  await expect(about.getByLabel("Title", { exact: true })).toHaveValue("");

  // A taken address name is refused by the server, naming the field, and everything typed stays.
  await about.getByLabel(/^Address name/).fill(BASE);
  await about.getByLabel("Title", { exact: true }).fill(title);
  await instructor.getByRole("button", { name: "Create draft" }).click();
  // (Next's route announcer is an empty alert too: pick ours by its text.)
  await expect(instructor.getByRole("alert").filter({ hasText: "problem.slug" })).toContainText("already exists");
  await expect(about.getByLabel("Title", { exact: true })).toHaveValue(title);
  await about.getByLabel(/^Address name/).fill(slug);

  // One more follow-up after the copied ones: twice the load. (Its number follows however many rounds the
  // copied problem has, so it is the last round group, not a fixed "Follow-up 4".)
  const rounds = instructor.getByRole("region", { name: "Stage 4: follow-up rounds" });
  await rounds.getByRole("button", { name: "Add follow-up" }).click();
  const round = rounds.getByRole("group", { name: /^Follow-up \d+$/ }).last();
  await round.getByLabel(/^Short name/).fill("double-load");
  await round.getByLabel("Title", { exact: true }).fill(roundTitle);
  await round
    .getByLabel("What the interviewer says")
    .fill("Marketing doubled the traffic overnight. What happens to your design?");
  await round.getByLabel("Change 1", { exact: true }).selectOption({ label: "Multiply the load" });
  await round.getByLabel("By (×, more than 1)").fill("2");
  await round
    .getByLabel(/^What a strong answer does/)
    .fill("Headroom on every tier: twice the load should fit without new hardware.");
  await round.getByLabel(/^Chapter link/).fill("/learn/caching#cdn");

  // The preview shows the brief as a candidate reads it and scores the reference design.
  const preview = instructor.getByTestId("problem-preview");
  await preview.getByRole("button", { name: "Preview as a candidate" }).click();
  await expect(preview.getByTestId("reference-score")).toContainText(/\d+\/100/, { timeout: 60_000 });
  await expect(preview).toContainText(roundTitle);
  await auditAndShoot(instructor, "problem-new", process.env.AUTHOR_SCREENSHOTS);

  await instructor.getByRole("button", { name: "Create draft" }).click();
  await expect(instructor).toHaveURL(new RegExp(`/instructor/problems/${slug}$`));
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(instructor.getByTestId("audit-log")).toContainText("created it (version 1)");

  // A draft is for instructors only.
  const candidate = await (await browser.newContext()).newPage();
  await candidate.setViewportSize({ width: 1366, height: 900 });
  await signUp(candidate, "Cass Candidate", uniqueEmail("solver"));
  expect((await candidate.goto(`/practice/${slug}`))?.status()).toBe(404);

  await instructor.getByRole("button", { name: "Publish version 1" }).click();
  await expect(instructor.getByText("Version 1 is published")).toBeVisible({ timeout: 60_000 });
  await expect(instructor.getByTestId("reference-score")).toContainText(/\d+\/100/);
  await expect(instructor.getByTestId("audit-log")).toContainText("published it (version 1)");
  await expect(instructor.getByTestId("problem-versions")).toContainText("reference");
  await auditAndShoot(instructor, "problem-edit", process.env.AUTHOR_SCREENSHOTS);

  await instructor.goto("/instructor/problems/import");
  await instructor.getByLabel("Or paste the JSON").fill('[{"slug": "Not a slug"}]');
  await instructor.getByRole("button", { name: "Import as drafts" }).click();
  await expect(instructor.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText(
    "Nothing was imported. problem 1, slug",
  );
  await expect(instructor.getByLabel("Or paste the JSON")).toHaveValue('[{"slug": "Not a slug"}]');
  await auditAndShoot(instructor, "problem-import", process.env.AUTHOR_SCREENSHOTS);

  // The candidate solves it: requirements, estimates, the reference-quality design, and every round, the new one last.
  await candidate.goto(`/practice/${slug}`);
  await expect(candidate.getByRole("heading", { level: 1 })).toContainText(title);
  await candidate.getByTestId("start-interview").click();
  await expect(candidate).toHaveURL(/\?design=/);
  const interview = candidate.getByTestId("interview");
  for (const r of base.requirements.filter((x) => x.relevant)) {
    await interview.getByRole("checkbox", { name: r.text }).check();
    await interview
      .getByRole("textbox", { name: "Why does the brief need it?" })
      .last()
      .fill("The brief asks for this directly.");
  }
  await interview.getByTestId("submit-requirements").click();
  await expect(interview.getByTestId("requirements-feedback")).toBeVisible();
  await interview.getByTestId("continue").click();
  const labels: Record<string, string> = {
    qps: "Average queries per second (req/s)",
    peakQps: "Peak queries per second (req/s)",
    storagePerYearGb: "New storage per year (GB)",
    bandwidthMbps: "Peak outbound bandwidth (Mbit/s)",
    cacheGb: "Cache size (GB)",
  };
  for (const [key, label] of Object.entries(labels)) {
    await interview.getByLabel(label).fill(String(base.estimates.answers[key]?.value));
  }
  await interview.getByTestId("submit-estimates").click();
  await expect(interview.getByTestId("estimates-feedback")).toContainText("How it is worked out");
  await interview.getByTestId("continue").click();

  await candidate
    .getByTestId("design-editor")
    .locator('input[type="file"]')
    .setInputFiles({
      name: "design.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(forProblem(BASE, base.reference))),
    });
  await expect(candidate.getByTestId("save-status")).toContainText("Saved at", { timeout: 20_000 });
  await interview.getByTestId("submit-design").click();
  await expect(interview.getByTestId("follow-up-round")).toBeVisible({ timeout: 60_000 });
  await interview.getByTestId("answer-round").click();
  await expect(interview.getByTestId("round-result")).toContainText("Attempt 1", { timeout: 60_000 });
  for (const next of [...base.followUps.slice(1).map((f) => f.title), roundTitle]) {
    await interview.getByTestId("next-round").click();
    await expect(interview.getByRole("heading", { name: new RegExp(next) })).toBeVisible();
    await expect(interview.getByTestId("round-result")).toContainText("Attempt 1", { timeout: 60_000 });
  }
  await interview.getByTestId("finish-interview").click();
  await expect(candidate).toHaveURL(/\/designs\/[^/]+\/reference$/);
  await expect(candidate.getByTestId("comparison-summary")).toContainText("the reference scores");
  await candidate.context().close();
  await instructor.context().close();
});

test("a candidate gets 403 on the problem-authoring pages and the export", async ({ page }) => {
  await signUp(page, "Nosy Candidate", uniqueEmail("nosy"));
  for (const p of [
    "/instructor/problems",
    "/instructor/problems/new",
    "/instructor/problems/import",
    `/instructor/problems/${BASE}`,
  ]) {
    expect((await page.goto(p))?.status(), p).toBe(403);
  }
  expect((await page.request.get("/instructor/problems/export")).status()).toBe(403);
});
