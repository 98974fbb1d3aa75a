import { expect, test } from "@playwright/test";
import { signUpOverHttp, uniqueEmail } from "./helpers";

const PROMPT = /TLS 1\.3 over TCP on a path with a round-trip time of ([\d,.]+) ms/;

test("a candidate answers a generated estimation question and then sees the worked solution with their values", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUpOverHttp(page, "Estimating Eve", uniqueEmail("estimate"));
  await page.goto("/quizzes/tls?mode=all");
  const question = page.locator("main form li").filter({ hasText: PROMPT });
  await expect(question).toHaveCount(1);
  const rtt = Number(PROMPT.exec((await question.textContent()) ?? "")?.[1]?.replace(/,/g, ""));
  expect(rtt).toBeGreaterThanOrEqual(10);

  // Before the answer is committed, neither the solution nor the formula is anywhere in the page.
  const before = await (await page.request.get("/quizzes/tls?mode=all")).text();
  for (const secret of ["Worked solution", "2 * rtt", '\\"formula\\"', '\\"solution\\"'])
    expect(before, secret).not.toContain(secret);
  await expect(page.getByTestId("worked-solution")).toHaveCount(0);
  // A reload shows the same drawn value. The whole phrase, because the quiz's other generated question (hours
  // saved by TLS 1.3) draws its own round-trip time and can draw the same number.
  await page.reload();
  await expect(
    page
      .locator("main form li")
      .filter({ hasText: `TLS 1.3 over TCP on a path with a round-trip time of ${rtt.toLocaleString("en-US")} ms` }),
  ).toHaveCount(1);

  await question.getByLabel("Your answer (ms)").fill(String(2 * rtt));
  await expect(
    question.getByText(/An estimate in ms: anything within ±10 % of the computed value counts\./),
  ).toBeVisible();
  await page.getByRole("button", { name: "Submit answers" }).click();
  // Every other question was left blank on purpose: confirm sending anyway.
  await page.getByRole("button", { name: "Submit anyway" }).click();

  await expect(page).toHaveURL(/\/quizzes\/attempts\//);
  const answered = page
    .locator("li, section, article")
    .filter({ hasText: PROMPT })
    .filter({ has: page.getByTestId("worked-solution") })
    .last();
  await expect(answered.getByRole("heading", { name: "Correct" })).toBeVisible();
  const solution = answered.getByTestId("worked-solution");
  await expect(solution).toContainText(
    `Total: 2 × ${rtt.toLocaleString("en-US")} ms = ${(2 * rtt).toLocaleString("en-US")} ms.`,
  );
  await expect(answered.getByText(`The computed value is ${(2 * rtt).toLocaleString("en-US")} ms`)).toBeVisible();
});
