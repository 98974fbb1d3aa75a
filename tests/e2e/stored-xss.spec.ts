import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, signInOverHttp } from "./helpers";
import { hostileGiftImport, hostileJsonImport } from "./hostile-markdown";

// Stored XSS (issue #14): an instructor imports hostile markdown (JSON and GIFT); candidates and admins view it
// and click every hostile link. Nothing may run: no dialog opens, no request leaves for another host, and the
// sentinel the payloads would set stays unset.

const stamp = Date.now().toString(36);
const marker = `xss-${stamp}`;
const jsonImport = hostileJsonImport(marker);
const giftImport = hostileGiftImport(marker);

type Guard = { dialogs: string[]; foreign: string[] };

/** Records every dialog and every request that does not go to the app's own origin. */
function guard(page: Page): Guard {
  const origin = new URL(test.info().project.use.baseURL as string).origin;
  const seen: Guard = { dialogs: [], foreign: [] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`)) seen.foreign.push(url);
  });
  return seen;
}

async function pageAs(browser: Browser, email: string): Promise<{ page: Page; seen: Guard }> {
  const page = await (await browser.newContext()).newPage();
  const seen = guard(page);
  await signInOverHttp(page, email);
  return { page, seen };
}

/** Clicks each named link inside `scope` (they are inert now), then checks nothing ran and nothing is left armed. */
async function clickAllAndCheck(
  page: Page,
  scope: ReturnType<Page["locator"]>,
  names: string[],
  seen: Guard,
): Promise<void> {
  const url = page.url();
  for (const name of names) {
    const link = scope.getByText(name, { exact: true }).first();
    await expect(link).toBeVisible();
    await link.click();
    expect(page.url()).toBe(url);
  }
  expect(
    await scope
      .locator('a[href^="javascript:" i], a[href^="data:" i], [onerror], [onload], script, svg, iframe')
      .count(),
  ).toBe(0);
  expect(await scope.locator('img[src*="evil"]').count()).toBe(0);
  // A round trip to the server after the clicks, so anything they started has had its turn.
  await page.evaluate(() => fetch("/api/health").then((r) => r.status));
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign).toEqual([]);
}

const PROMPT_LINKS = [
  "xss-js-link",
  "xss-fetch-link",
  "xss-data-link",
  "xss-case-link",
  "xss-entity-link",
  "xss-ref-link",
];

test("hostile markdown imported by an instructor runs for no one who views it or clicks its links", async ({
  browser,
}) => {
  test.setTimeout(420_000); // three roles, four pages, about forty clicks, on a shared and busy machine

  // The instructor imports one hostile question as JSON and one as GIFT, published at once.
  const { page: instructor, seen: instructorSeen } = await pageAs(browser, DEMO.instructor);
  await instructor.goto("/instructor/import");
  await instructor.locator('input[name="format"][value="json"]').check();
  await instructor.getByLabel("Or paste the file").fill(jsonImport);
  await instructor.getByLabel(/Publish the imported questions straight away/).check();
  await instructor.getByRole("button", { name: "Check and preview" }).click();
  await expect(instructor.getByText("Will create 1 question")).toBeVisible();
  await instructor.getByRole("button", { name: "Import 1 question" }).click();
  await expect(instructor.getByText("Imported 1 question as published.")).toBeVisible();

  await instructor.goto("/instructor/import");
  await instructor.locator('input[name="format"][value="gift"]').check();
  await instructor.locator("#d-chapter").selectOption("addressing");
  await instructor.locator("#d-section").selectOption("ipv4-ipv6");
  await instructor.getByLabel("Or paste the file").fill(giftImport);
  await instructor.getByLabel(/Publish the imported questions straight away/).check();
  await instructor.getByRole("button", { name: "Check and preview" }).click();
  await expect(instructor.getByText("Will create 1 question")).toBeVisible();
  await instructor.getByRole("button", { name: "Import 1 question" }).click();
  await expect(instructor.getByText("Imported 1 question as published.")).toBeVisible();

  // The instructor's own live preview of the question (rendered in the browser).
  await instructor.goto(`/instructor/questions/addressing/${marker}-json`);
  await clickAllAndCheck(instructor, instructor.locator("#preview-prompt"), PROMPT_LINKS, instructorSeen);
  await instructor.context().close();

  // A candidate takes the chapter quiz, clicks every hostile link, answers, and reads the explanations.
  const { page: candidate, seen: candidateSeen } = await pageAs(browser, DEMO.candidate);
  await candidate.goto("/quizzes/addressing?mode=all");
  const cards = candidate.locator("main form > ol > li");
  const jsonCard = cards.filter({ hasText: `${marker} prompt.` });
  const giftCard = cards.filter({ hasText: `${marker} gift prompt` });
  await clickAllAndCheck(candidate, jsonCard, PROMPT_LINKS, candidateSeen);
  await clickAllAndCheck(candidate, giftCard, ["xss-gift-link"], candidateSeen);
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const number = card.locator('input[inputmode="decimal"]');
    if ((await number.count()) > 0) await number.first().fill("1");
    const radios = card.locator('input[type="radio"]');
    if ((await radios.count()) > 0) await radios.first().check();
    const boxes = card.locator('input[type="checkbox"]');
    if ((await boxes.count()) > 0) await boxes.first().check();
  }
  await candidate.getByRole("button", { name: "Submit answers" }).click();
  // Questions left blank are listed first; the candidate hands in anyway.
  const anyway = candidate.getByRole("button", { name: "Submit anyway" });
  await expect.poll(async () => (await anyway.isVisible()) || /\/quizzes\/attempts\//.test(candidate.url())).toBe(true);
  if (await anyway.isVisible()) await anyway.click();
  await expect(candidate).toHaveURL(/\/quizzes\/attempts\//);
  const answers = candidate.locator("main ol > li");
  await clickAllAndCheck(
    candidate,
    answers.filter({ hasText: `${marker} prompt.` }),
    [...PROMPT_LINKS, "xss-expl-link"],
    candidateSeen,
  );
  await clickAllAndCheck(
    candidate,
    answers.filter({ hasText: `${marker} gift prompt` }),
    ["xss-gift-link", "xss-gift-expl"],
    candidateSeen,
  );
  await candidate.context().close();

  // An admin (the role an attacker most wants to act as) views the same quiz and the instructor preview.
  const { page: admin, seen: adminSeen } = await pageAs(browser, DEMO.admin);
  await admin.goto("/quizzes/addressing?mode=all");
  await clickAllAndCheck(
    admin,
    admin.locator("main form > ol > li").filter({ hasText: `${marker} prompt.` }),
    PROMPT_LINKS,
    adminSeen,
  );
  await admin.goto(`/instructor/questions/addressing/${marker}-json`);
  await clickAllAndCheck(admin, admin.locator("#preview-prompt"), PROMPT_LINKS, adminSeen);
  await admin.context().close();
});
