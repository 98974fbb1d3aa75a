import { expect, test, type Browser, type Page } from "@playwright/test";
import { auditAndShoot } from "./audit-helpers";
import { DEMO, signInOverHttp, signUpOverHttp, uniqueEmail } from "./helpers";

// The cohort's practice results, as its instructor sees them: a designed empty state, counts only while the cohort
// is small, no per-person figures, and the page closed to candidates and to other staff. With
// PRACTICE_SCREENSHOTS=<dir> it saves full-page screenshots at 1366 and 375 px, light and dark.

async function context(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("an instructor sees a cohort's practice results as aggregates, and no one else sees them", async ({ browser }) => {
  test.setTimeout(420_000);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Practice cohort ${stamp}`;
  const instructor = await context(browser);
  await signInOverHttp(instructor, DEMO.instructor);
  await instructor.goto("/instructor/cohorts");
  await instructor.getByLabel("New cohort name").fill(name);
  await instructor.getByRole("button", { name: "Create cohort" }).click();
  const card = instructor.getByTestId("cohort").filter({ hasText: name });
  const inviteUrl = await card.getByTestId("invite-link").inputValue();
  await card.getByRole("link", { name: `Practice results of ${name}` }).click();
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText(`Practice results: ${name}`);
  await expect(instructor.getByTestId("cohort-practice-empty")).toContainText("No members yet");
  const url = instructor.url();
  await auditAndShoot(instructor, "cohort-view-empty", process.env.PRACTICE_SCREENSHOTS);

  // A member joins and finishes (gives up on) one interview: with one member only cohort-wide counts show.
  const member = await context(browser);
  await signUpOverHttp(member, "Cora Cohort", uniqueEmail("cohort-practice"));
  await member.goto(inviteUrl);
  await member.getByRole("button", { name: "Join cohort" }).click();
  await expect(member.getByRole("button", { name: "Leave cohort" })).toBeVisible();
  await member.goto("/practice/url-shortener");
  await member.getByTestId("start-interview").click();
  await expect(member).toHaveURL(/\?design=/);
  await member.getByTestId("give-up").click();
  await member.getByRole("dialog").getByRole("button", { name: "Give up" }).click();
  await expect(member).toHaveURL(/\/reference$/);

  await instructor.reload();
  const empty = instructor.getByTestId("cohort-practice-empty");
  await expect(empty).toContainText("Too few members for a breakdown");
  await expect(instructor.getByTestId("cohort-totals")).toContainText(/Finished interviews\s*1/);
  await expect(instructor.locator("main")).not.toContainText("Cora Cohort");
  await auditAndShoot(instructor, "cohort-view-small", process.env.PRACTICE_SCREENSHOTS);

  // The member, a candidate, is refused; another staff account that does not run the cohort finds nothing.
  expect((await member.goto(url))?.status()).toBe(403);
  const admin = await context(browser);
  await signInOverHttp(admin, DEMO.admin);
  expect((await admin.goto(url))?.status()).toBe(404);
  for (const p of [instructor, member, admin]) await p.context().close();
});
