import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { axe, drawWholePage } from "./audit-helpers";
import { signOut, signUp, uniqueEmail } from "./helpers";

const LOCAL_KEY = "roundtrip.progress.v1";

/** Chapter slugs and required section ids, from the writers' guide. */
function chapterPlan(): { slug: string; ids: string[] }[] {
  const doc = readFileSync(path.join(process.cwd(), "docs/content-format.md"), "utf8");
  return [...doc.matchAll(/^\| \d+ \| `([a-z0-9-]+)` \| ([^|]+) \|$/gm)].map((m) => ({
    slug: m[1]!,
    ids: [...m[2]!.split(",").map((s) => s.trim()), "summary", "further-reading"],
  }));
}

function toggle(page: Page, section: string) {
  return page.locator(`section[aria-labelledby="${section}"]`).getByRole("button", { name: /^Mark as done: / });
}

/** Resolves when a progress server action posted on `pathname` (naming `section`, when given) is answered. */
function progressAnswered(page: Page, pathname: string, section?: string) {
  return page.waitForResponse(
    (r) =>
      r.request().method() === "POST" &&
      new URL(r.url()).pathname === pathname &&
      r.request().headers()["next-action"] !== undefined &&
      (section === undefined || (r.request().postData() ?? "").includes(`"${section}"`)),
  );
}

/** The islands load progress after the static page arrives; the buttons are enabled once it has. */
async function progressLoaded(page: Page) {
  await expect(page.getByText(/sections done/).first()).toBeVisible();
}

test("every chapter page is static HTML with its title, sections and unique anchors", async ({ request }) => {
  const plan = chapterPlan();
  // Every chapter file is in the writers' guide's table, so none escapes the checks below.
  const files = readdirSync(path.join(process.cwd(), "content/chapters")).filter((f) => /^\d+-.+\.md$/.test(f));
  expect(plan.length).toBeGreaterThanOrEqual(17);
  expect(plan).toHaveLength(files.length);
  for (const { slug, ids } of plan) {
    const res = await request.get(`/learn/${slug}`);
    expect(res.status(), slug).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>[^<]{10,}<\/h1>/);
    for (const id of ids) expect(html, `${slug}#${id}`).toMatch(new RegExp(`<h2 id="${id}"`));
    const anchors = [...html.matchAll(/<h[2-4] id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(anchors).size, slug).toBe(anchors.length);
  }
  for (const page of ["/learn", "/learn/glossary", "/learn/checklist", "/learn/search-index.json"]) {
    expect((await request.get(page)).status(), page).toBe(200);
  }
  expect((await request.get("/learn/no-such-chapter")).status()).toBe(404);
});

test("the course map lists every chapter of the writers' guide with reading times and links to each", async ({ page }) => {
  await page.goto("/learn");
  const cards = page.getByRole("listitem").filter({ hasText: /Chapter \d+ · \d+ min read/ });
  await expect(cards).toHaveCount(chapterPlan().length);
  await progressLoaded(page);
  await page.getByRole("link", { name: "TCP I: connections, reliability and flow control" }).click();
  await expect(page).toHaveURL(/\/learn\/tcp-connections$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TCP I: connections, reliability and flow control");
});

test("search, jump to a result, mark it done; it survives a reload and signing out and in", async ({ page }) => {
  const email = uniqueEmail("learner");
  await signUp(page, "Lee Learner", email);
  await page.goto("/learn/tcp-performance");
  await progressLoaded(page);

  const search = page.getByRole("combobox", { name: "Search the course" });
  await search.fill("TIME_WAIT");
  const result = page.getByRole("option", { name: /Teardown and TIME_WAIT/ });
  await expect(result).toBeVisible();
  await search.press("ArrowDown");
  await expect(search).toHaveAttribute("aria-activedescendant", /opt-0$/);
  await result.click();
  await expect(page).toHaveURL(/\/learn\/tcp-connections#teardown-time-wait$/);
  await expect(page.getByRole("heading", { level: 2, name: "Teardown and TIME_WAIT" })).toBeInViewport();

  await progressLoaded(page);
  const button = toggle(page, "teardown-time-wait");
  await expect(button).toHaveAttribute("aria-pressed", "false");
  // This section's own request: the reading tracker may post marks for its neighbours meanwhile.
  const saved = progressAnswered(page, "/learn/tcp-connections", "teardown-time-wait");
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await saved;

  await page.reload();
  await progressLoaded(page);
  await expect(toggle(page, "teardown-time-wait")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: /Teardown and TIME_WAIT \(done\)/ })).toBeVisible();

  await signOut(page);
  await page.goto("/learn/tcp-connections");
  await progressLoaded(page);
  await expect(toggle(page, "teardown-time-wait")).toHaveAttribute("aria-pressed", "false");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  const signedIn = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await signedIn).ok()).toBe(true);
  await expect(page.getByTestId("session-name")).toHaveText("Lee Learner");
  // The course map shows the account's progress only once the store has asked the server for it (a merge or a
  // list, depending on what the browser kept): read the count after that answer, not before.
  const loaded = progressAnswered(page, "/learn");
  await page.goto("/learn");
  await loaded;
  await expect(page.getByTestId("progress-tcp-connections").getByTestId("progress-count")).toHaveText(/^[1-9]\d*$/);
  await page.goto("/learn/tcp-connections#teardown-time-wait");
  await expect(toggle(page, "teardown-time-wait")).toHaveAttribute("aria-pressed", "true");

  // Taking it off the list sticks too.
  const unmarked = progressAnswered(page, "/learn/tcp-connections", "teardown-time-wait");
  await toggle(page, "teardown-time-wait").click();
  await expect(toggle(page, "teardown-time-wait")).toHaveAttribute("aria-pressed", "false");
  // The page had long been idle, so waiting for "networkidle" returned at once and the reload could cancel this.
  expect((await unmarked).ok()).toBe(true);
  await page.reload();
  await progressLoaded(page);
  await expect(toggle(page, "teardown-time-wait")).toHaveAttribute("aria-pressed", "false");
});

test("an anonymous reader's progress merges into the account on sign-up, and the browser copy is cleared", async ({ page }) => {
  await page.goto("/learn/dns#ttl");
  await progressLoaded(page);
  await expect(page.getByText("saved in this browser", { exact: false })).toBeVisible();
  await toggle(page, "ttl").click();
  await expect(toggle(page, "ttl")).toHaveAttribute("aria-pressed", "true");
  const local = await page.evaluate((key) => window.localStorage.getItem(key), LOCAL_KEY);
  expect(JSON.parse(local ?? "{}")).toMatchObject({ version: 1, sections: { "dns#ttl": { source: "manual" } } });

  await page.reload();
  await progressLoaded(page);
  await expect(toggle(page, "ttl")).toHaveAttribute("aria-pressed", "true");

  await signUp(page, "Ana Anonymous", uniqueEmail("merge"));
  const merged = progressAnswered(page, "/learn");
  await page.goto("/learn");
  await merged;
  await expect(page.getByTestId("progress-dns").getByTestId("progress-count")).toHaveText("1");
  await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key), LOCAL_KEY)).toBeNull();

  // Now it lives in the account: a fresh browser signed in as the same user sees it.
  await page.goto("/learn/dns");
  await progressLoaded(page);
  await expect(toggle(page, "ttl")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(`section[aria-labelledby="ttl"]`).getByText("Saved from this browser")).toBeVisible();
});

test("glossary terms link from chapters to their entry, and the checklist shows the 10 items", async ({ page }) => {
  await page.goto("/learn/tcp-connections");
  const link = page.locator("a.glossary-link").first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/learn\/glossary#[a-z0-9-]+$/);
  await page.goto(href!);
  const id = href!.split("#")[1]!;
  await expect(page.locator(`[id="${id}"]`).getByRole("heading", { level: 3 })).toBeVisible();
  await expect(page.locator(`[id="${id}"]`).getByRole("link", { name: /^Chapter \d+/ })).toBeVisible();

  await page.goto("/learn/checklist");
  for (const id of ["private-services", "edge-tls", "edge-http2", "bounded-pools", "keep-alive", "dns-ttl", "global-entry", "cors-origins", "tls-versions", "compression"]) {
    await expect(page.locator(`h2[id="${id}"]`)).toBeVisible();
  }
});

test("a chapter draws only the prose near the screen; prose scrolled or linked to is drawn where it belongs", async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto("/learn/big-picture");
  const blocks = page.locator(".learn-content");
  const count = await blocks.count();
  expect(count).toBeGreaterThanOrEqual(6);
  // checkVisibility({ contentVisibilityAuto: true }) is false for content the browser skips drawing.
  const drawn = (i: number) => blocks.nth(i).locator("> *").first().evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }));
  expect(await drawn(count - 1), "last block on load").toBe(false);
  // Skipped, yet still in the page and the accessibility tree (find-in-page, screen readers).
  await expect(page.getByRole("heading", { level: 3 }).last()).toHaveText(/\S/);

  await blocks.nth(count - 1).scrollIntoViewIfNeeded();
  await expect.poll(() => drawn(count - 1), { message: "last block once scrolled to" }).toBe(true);

  // A link to a subheading deep in a block lands on it, drawn, though the prose before it never was.
  await page.goto("/learn/big-picture");
  const id = await blocks.locator("h3[id]").last().getAttribute("id");
  await page.goto(`/learn/big-picture#${id}`);
  const target = page.locator(`h3[id="${id}"]`);
  await expect(target).toBeInViewport();
  await expect.poll(() => target.evaluate((h) => h.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);
  await expect.poll(() => target.evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(200);
});

test("a widget's body is drawn only near the screen, and still turns live where its slot says", async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto("/learn/big-picture");
  const slot = page.locator("[data-widget]").last();
  const body = slot.locator("[data-widget-state]");
  const drawn = () => body.locator("> *").first().evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }));
  expect(await drawn(), "widget body far below the screen on load").toBe(false);
  await expect(body).toHaveAttribute("data-widget-state", "static");
  // The slot's own heading and summary are drawn, so the slot sits where its position says.
  expect(await slot.getByRole("heading", { level: 3 }).evaluate((h) => h.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);

  await slot.scrollIntoViewIfNeeded();
  await expect(body).toHaveAttribute("data-widget-state", "interactive");
  await expect.poll(drawn, { message: "widget body once scrolled to" }).toBe(true);
  await expect(slot.getByRole("heading", { level: 3 })).toBeInViewport();
});

// One test per page, so the scans spread over the workers. Each page loads once: the theme is the class on <html>
// (what the theme toggle sets), so switching it and scanning again audits the dark page without a second load.
// tests/e2e/a11y.spec.ts leaves these pages to this, stricter, audit (every impact, best practices too).
const AXE_PAGES: { url: string; themes: ("light" | "dark")[]; progress: boolean }[] = [
  { url: "/learn/tcp-connections", themes: ["light", "dark"], progress: true },
  { url: "/learn", themes: ["light", "dark"], progress: true },
  { url: "/learn/checklist", themes: ["light", "dark"], progress: false },
  { url: "/learn/glossary", themes: ["light", "dark"], progress: false },
];

for (const { url, themes, progress } of AXE_PAGES) {
  test(`${url} has no axe violations (${themes.join(" and ")})`, async ({ page }) => {
    // Full-page scans are CPU-bound: minutes each on a shared, busy machine (the glossary's ~270 terms most of all).
    test.setTimeout(600_000);
    await page.goto(url);
    // Only the chapter and the course map show progress; waiting for it elsewhere only ran out the clock.
    if (progress) await progressLoaded(page);
    await drawWholePage(page);
    for (const theme of themes) {
      await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
      // Widget internals belong to the widget suites; the slot around them (its region and heading) is checked here.
      const results = await axe(page).exclude("[data-widget-state]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
      const problems = results.violations.map((v) => `${theme} ${url} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      expect(problems).toEqual([]);
    }
  });
}
