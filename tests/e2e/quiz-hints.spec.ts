import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { DEMO, signInOverHttp, signUpOverHttp, uniqueEmail } from "./helpers";

// A short-answer question with a hint: the instructor imports it (GIFT plus our @roundtrip comment for the
// hint) and publishes it; a new candidate asks for the hint, answers, and sees the mark with the hint's cost.
test("a candidate answers a short-answer question after a hint and sees the mark with the hint's cost", async ({ browser }) => {
  // Two users, an import, a publish and a whole chapter's quiz: more steps than the default budget allows.
  test.slow();
  const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const secret = randomBytes(6).toString("hex");
  const hint = `Think of the phone book of the internet, three letters (${secret})`;
  const prompt = `Which protocol turns a host name into an address? (${stamp})`;

  const instructor = await (await browser.newContext()).newPage();
  await signInOverHttp(instructor, DEMO.instructor);
  await instructor.goto("/instructor/import");
  await instructor.getByLabel("Or paste the file").fill(
    [`// @roundtrip ${JSON.stringify({ hints: [{ text: hint, cost: 0.25 }] })}`, `::sa ${stamp}::${prompt}{=DNS =Domain Name System}`].join("\n"),
  );
  await instructor.getByRole("button", { name: "Check and preview" }).click();
  await expect(instructor.getByText("Will create 1 question")).toBeVisible();
  await instructor.getByRole("button", { name: "Import 1 question" }).click();
  await expect(instructor.getByText("Imported 1 question as drafts.")).toBeVisible();
  await instructor.goto(`/instructor/questions/big-picture/sa-${stamp}`);
  await instructor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(instructor.getByText("Now published.")).toBeVisible();
  await instructor.context().close();

  const page = await (await browser.newContext()).newPage();
  await signUpOverHttp(page, "Hint Taker", uniqueEmail("quiz-hint"));
  const response = await page.goto("/quizzes/big-picture?mode=all");
  // The hint's text is not in the page before it is asked for; its cost is.
  const html = (await response?.text()) ?? "";
  expect(html).toContain(stamp);
  expect(html).not.toContain(secret);
  const card = page.locator("main form > ol > li").filter({ hasText: prompt });
  await expect(card).toHaveCount(1);
  await expect(card.getByText(hint)).toHaveCount(0);

  await card.getByRole("button", { name: "Show a hint (costs 25 % of this question's mark)" }).click();
  await expect(card.getByTestId("hint-text")).toContainText(hint);
  await expect(card.getByTestId("hint-text")).toContainText("costs 25 % of this question's mark");
  await card.getByLabel("Your answer").fill("  dns ");

  await page.getByRole("button", { name: "Submit answers" }).click();
  // The other questions of the chapter are left blank on purpose.
  await page.getByRole("button", { name: "Submit anyway" }).click();
  await expect(page).toHaveURL(/\/quizzes\/attempts\//);
  const result = page.locator("li").filter({ hasText: prompt });
  await expect(result.getByTestId("question-mark")).toHaveText("Mark: 0.75 of 1 mark (hints cost −25 % of the mark)");
  await expect(result).toContainText("Accepted: DNS · Domain Name System");
  await page.context().close();
});
