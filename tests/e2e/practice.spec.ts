import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { recordIntlFormatting, signOut, signUpOverHttp, uniqueEmail } from "./helpers";
import { forProblem, holdScripts, type Doc } from "./practice-helpers";

const examples = path.join(process.cwd(), "lib/core/evaluator/examples");

/** The three-tier example with one flaw: the load balancer's call to the API has no timeout. */
function threeTierWithoutTimeout(): Buffer {
  const doc = forProblem("url-shortener", JSON.parse(readFileSync(path.join(examples, "three-tier.json"), "utf8")) as Doc);
  const edge = doc.edges.find((e) => e.id === "e-api");
  if (!edge?.props) throw new Error("three-tier example changed: no e-api edge");
  delete edge.props.timeoutMs;
  return Buffer.from(JSON.stringify(doc));
}

async function importJson(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId("design-editor").locator('input[type="file"]').setInputFiles({ name, mimeType: "application/json", buffer });
}

async function evaluate(page: Page, expectedCount: number) {
  await page.getByTestId("evaluate").click();
  await expect(page.getByTestId("result-area")).toHaveAttribute("data-evaluations", String(expectedCount), { timeout: 20_000 });
}

test("build a design, evaluate, fix a finding, see the score rise, reopen it; others get a 404", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signUpOverHttp(page, "Pat Practice", uniqueEmail("practice"));

  await page.goto("/practice");
  await expect(page.getByTestId("best-url-shortener")).toHaveText("Not scored yet");
  await page.getByRole("link", { name: "URL shortener" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "URL shortener" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scenario the score uses", exact: true })).toBeVisible();

  await importJson(page, "three-tier.json", threeTierWithoutTimeout());
  await expect(page.getByTestId("save-status")).toContainText("Saved at", { timeout: 15_000 });
  await expect(page).toHaveURL(/\/practice\/url-shortener\?design=/);

  await evaluate(page, 1);
  const firstScore = Number(await page.getByTestId("result-score").evaluate((el) => el.firstChild?.textContent ?? ""));
  const finding = page.locator('[data-finding-id="timeout-missing"]');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText("Fix:");

  // Selecting the finding highlights the edge it names on the canvas.
  await finding.getByRole("button").click();
  await expect(finding.getByRole("button")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".react-flow__edge.rt-highlight")).toHaveCount(1);

  // Fix it through the text view and the properties panel: give the call a timeout.
  await page.getByRole("button", { name: "Text view" }).click();
  await page.getByRole("button", { name: "Edit the connection from Load balancer to Service" }).click();
  const timeout = page.getByLabel("Timeout (ms)");
  await timeout.fill("1000");
  await timeout.press("Enter");

  await evaluate(page, 2);
  const secondScore = Number(await page.getByTestId("result-score").evaluate((el) => el.firstChild?.textContent ?? ""));
  expect(secondScore).toBeGreaterThan(firstScore);
  await expect(page.getByTestId("result-moves")).toContainText(`score +${secondScore - firstScore}`);
  await expect(page.locator('[data-finding-id="timeout-missing"]')).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toContainText("Saved at");

  // Reload: the saved design and its latest result come back.
  await page.reload();
  await expect(page.getByTestId("result-score")).toContainText(String(secondScore));

  await page.goto("/practice");
  await expect(page.getByTestId("best-url-shortener")).toHaveText(`My best: ${secondScore}/100`);

  await page.goto("/designs");
  const item = page.getByTestId("design-list").getByRole("listitem").filter({ hasText: "URL shortener" });
  await expect(item).toContainText(`Latest score ${secondScore}/100`);
  await item.getByRole("link", { name: "URL shortener" }).click();
  await expect(page).toHaveURL(/\/designs\/[^/]+$/);
  const designUrl = page.url();
  await expect(page.getByTestId("result-score")).toContainText(String(secondScore));
  await expect(page.getByTestId("evaluation-history").locator("tbody tr")).toHaveCount(2);
  // Score per attempt: a line through both evaluations, captioned as such, with the table as its text.
  const perAttempt = page.getByTestId("score-per-attempt");
  await expect(perAttempt).toContainText("the latest (#2)");
  await expect(perAttempt.locator("svg").first()).toContainText("#2");

  // Share read-only, then revoke: the link stops working with a clear message.
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareLink = page.getByTestId("share-url");
  await expect(shareLink).toBeVisible();
  const sharePath = (await shareLink.getAttribute("href")) ?? "";
  const anonymous = await browser.newPage();
  await anonymous.goto(sharePath);
  await expect(anonymous.getByRole("heading", { level: 1, name: "URL shortener" })).toBeVisible();
  await expect(anonymous.getByTestId("result-score")).toContainText(String(secondScore));
  await page.getByRole("button", { name: "Revoke share link" }).click();
  await expect(page.getByRole("button", { name: "Create share link" })).toBeVisible();
  const revoked = await anonymous.goto(sharePath);
  expect(revoked?.status()).toBe(404);
  await expect(anonymous.getByRole("heading", { name: "This share link does not work" })).toBeVisible();
  await anonymous.close();

  // Another user cannot open the design: 404, nothing about it leaks.
  await signOut(page);
  await signUpOverHttp(page, "Other Person", uniqueEmail("other"));
  const response = await page.goto(designUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Fix:")).toHaveCount(0);
});

test("delete asks for confirmation and an invalid import changes nothing", async ({ page }) => {
  await signUpOverHttp(page, "Del Eter", uniqueEmail("delete"));
  await page.goto("/practice/rate-limiter");
  await importJson(page, "bad.json", Buffer.from(JSON.stringify({ version: 1, name: "x", nodes: [{ id: "a", kind: "teleporter" }], edges: [] })));
  await expect(page.getByRole("alert").filter({ hasText: "nodes[0].kind" })).toBeVisible();
  await expect(page.getByTestId("save-status")).not.toContainText("Saved at");

  await importJson(page, "three-tier.json", Buffer.from(JSON.stringify(forProblem("rate-limiter", JSON.parse(readFileSync(path.join(examples, "three-tier.json"), "utf8")) as Doc))));
  await expect(page.getByTestId("save-status")).toContainText("Saved at", { timeout: 15_000 });
  await page.goto("/designs");
  await page.getByRole("button", { name: "Delete Rate-limiter service" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this design?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("design-list")).toContainText("Rate-limiter service");
  await page.getByRole("button", { name: "Delete Rate-limiter service" }).click();
  await dialog.getByRole("button", { name: "Delete design" }).click();
  await expect(page.getByText("You have no saved designs yet.")).toBeVisible();
});

test("the 50-node example is saved and evaluated, again and again, from the canvas", async ({ page }) => {
  // How fast belongs to the benchmarks (npm run bench:evaluator); here: five evaluations in a row each show a result.
  test.setTimeout(120_000);
  await signUpOverHttp(page, "Repeat Tester", uniqueEmail("repeat"));
  await page.goto("/practice/request-journey");
  await importJson(page, "generated-50.json", Buffer.from(JSON.stringify(forProblem("request-journey", JSON.parse(readFileSync(path.join(examples, "generated-50.json"), "utf8")) as Doc))));
  await expect(page.getByTestId("save-status")).toContainText("Saved at", { timeout: 20_000 });
  for (let i = 1; i <= 5; i++) {
    await evaluate(page, i);
    await expect(page.getByTestId("result-score")).toBeVisible();
  }
});

test("signed out: sketch and evaluate on the server, asked to sign in to save", async ({ page }) => {
  await page.goto("/practice/request-journey");
  await expect(page.getByTestId("save-status")).toContainText("Sign in to save your design");
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"]')).toBeVisible();
  // An import waits for code loaded on demand (the format's checks, then the layout). Hold every script asked for
  // from here on, and press Evaluate while the import is stuck: what is scored must be the imported design, not
  // the starter it is replacing.
  const scripts = await holdScripts(page);
  const threeTier = JSON.parse(readFileSync(path.join(examples, "three-tier.json"), "utf8")) as { nodes: { id: string }[] };
  await importJson(page, "three-tier.json", readFileSync(path.join(examples, "three-tier.json")));
  await scripts.askedFor;
  await expect(page.getByRole("status").filter({ hasText: "Imported three-tier.json" })).toHaveCount(0);
  const scored = page.waitForRequest((r) => r.url().endsWith("/api/evaluate") && r.method() === "POST");
  await page.getByTestId("evaluate").click();
  await scripts.release();
  const posted = (await scored).postDataJSON() as { nodes: { id: string }[] };
  expect(posted.nodes.map((n) => n.id).sort()).toEqual(threeTier.nodes.map((n) => n.id).sort());
  await expect(page.getByTestId("result-area")).toHaveAttribute("data-evaluations", "1", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Imported three-tier.json" })).toHaveCount(1);
  await expect(page.getByTestId("result-grade")).toBeVisible();
  await expect(page.getByTestId("waterfall").getByRole("listitem").first()).toContainText("DNS lookup");
  await expect(page.getByTestId("waterfall").getByRole("listitem").first()).toContainText("from 0 ms to");
  await expect(page.getByTestId("checklist").getByRole("link", { name: "TLS ends at the edge" })).toHaveAttribute("href", "/learn/checklist#edge-tls");
});

test("mock interview: a visible timer, and handing in scores and locks the attempt", async ({ page }) => {
  // Five reloads of the running mock (the hydration check) cost 20-40 s each at load 30 on 2 cores.
  test.setTimeout(360_000);
  await signUpOverHttp(page, "Mo Mock", uniqueEmail("mock"));
  await page.goto("/practice/chat-websockets");
  const minutes = page.getByLabel(/Mock interview length/);
  await minutes.fill("200");
  await page.getByRole("button", { name: "Start mock interview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "from 5 to 120" })).toBeVisible();
  await minutes.fill("5");
  await page.getByRole("button", { name: "Start mock interview" }).click();
  await expect(page).toHaveURL(/\/designs\/[^/]+$/);
  await expect(page.getByTestId("mock-timer")).toContainText(/0[45]:\d\d/);
  // The running mock hydrates without an error, load after load (3 of 5 loads once threw React's hydration error
  // #418: the timer rendered the server's clock, then the browser's). Errors of every kind are kept, so one shows.
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  for (let load = 0; load < 5; load++) {
    await page.reload();
    await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"]')).toBeVisible();
    // Still running (a reload takes up to a minute at load 30, so the clock has moved on).
    await expect(page.getByTestId("mock-timer")).toContainText(/0[0-4]:\d\d/);
  }
  expect(pageErrors).toEqual([]);
  await page.getByRole("button", { name: "Hand in now" }).click();
  const confirm = page.getByRole("dialog", { name: "Hand in now?" });
  await confirm.getByRole("button", { name: "Hand in" }).click();
  await expect(page.getByText(/This mock interview ended at/)).toBeVisible();
  await expect(page.getByTestId("mock-summary")).toContainText("Handed in");
  await expect(page.getByTestId("mock-timer")).toHaveCount(0);
  await expect(page.getByText("Import JSON")).toHaveCount(0);
  await expect(page.getByTestId("evaluation-history").locator("tbody tr")).toHaveCount(1);
});

test("first-load JavaScript of a practice problem page", async ({ page }) => {
  let raw = 0;
  let gzip = 0;
  const files: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (!body) return;
    raw += body.length;
    gzip += gzipSync(body).length;
    files.push(response.url());
  });
  await page.goto("/practice/url-shortener", { waitUntil: "networkidle" });
  await expect(page.getByTestId("design-editor")).toBeVisible();
  console.log(`[perf] /practice/[problem] first-load JS: ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip in ${files.length} files`);
  expect(files.length).toBeGreaterThan(0);
});

test("the server sends a placeholder for the canvas and React Flow mounts after hydration, not during it", async ({ page, request }) => {
  // Built while the page hydrated, React Flow made the practice page's longest task on load (Lighthouse's total
  // blocking time); it draws no node on the server anyway, so the server's HTML carries the placeholder only.
  const html = await (await request.get("/practice/url-shortener")).text();
  expect(html).toContain("Loading the canvas…");
  expect(html).not.toContain("react-flow__renderer");
  await page.goto("/practice/url-shortener");
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"] .react-flow__node').first()).toBeVisible();
  await expect(page.getByText("Loading the canvas…")).toHaveCount(0);
});

test("React Flow is not in the practice page's first load; the editor works before the canvas module arrives", async ({ page, request }) => {
  // React Flow's code was in the page's first-load scripts: fetched before the largest paint and evaluated in the
  // page's longest task, though the canvas only mounts after hydration. It is now a chunk of its own, asked for
  // once the page has hydrated. A script is React Flow's when it carries the class name React Flow gives its pane.
  const isReactFlow = (body: string) => body.includes("react-flow__pane");
  const html = await (await request.get("/practice/url-shortener")).text();
  // The first load: the scripts named in the HTML's tags and, escaped, in its RSC payload (the page's client chunks).
  const firstLoad = [...new Set([...html.matchAll(/\/_next\/static\/chunks\/[^"?\\]+\.js/g)].map((m) => m[0]))];
  expect(firstLoad.length).toBeGreaterThan(3);
  for (const src of firstLoad) expect(isReactFlow(await (await request.get(src)).text()), src).toBe(false);

  // Hold React Flow's chunk back: the page hydrates without it, and the palette (the keyboard path) already adds nodes.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked!: (url: string) => void;
  const askedFor = new Promise<string>((resolve) => (asked = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (isReactFlow(body)) {
      asked(route.request().url());
      await released;
    }
    // The body as fetched is already decoded: send it on without the encoding it came in.
    const { "content-encoding": _encoding, "content-length": _length, ...headers } = response.headers();
    await route.fulfill({ status: response.status(), headers, body });
  });
  await page.goto("/practice/url-shortener");
  const url = await askedFor;
  expect(firstLoad.some((src) => url.endsWith(src))).toBe(false);
  await expect(page.getByRole("status").filter({ hasText: "Loading the canvas…" })).toBeVisible();
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"]')).toHaveCount(0);
  const add = page.getByRole("button", { name: "Add Client" });
  await add.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/^Added /)).toHaveCount(1);
  release();
  // The starter's two client nodes and the one added while the canvas was loading.
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"] .react-flow__node')).toHaveCount(3);
  await expect(page.getByText("Loading the canvas…")).toHaveCount(0);
});

test("the practice page starts without building an Intl number or date formatter", async ({ page }) => {
  // Chromium builds ICU's formatters on first use, once per page: measured (CPU profile of the practice page's
  // load), the brief's one `toLocaleString` made its render 25–30 ms of main-thread CPU, most of one long task
  // (×4 in Lighthouse's mobile run). Numbers on the workspace go through lib/core/util/format's formatNumber.
  await signUpOverHttp(page, "Ivy Intl", uniqueEmail("intl"));
  const intl = await recordIntlFormatting(page);
  await page.goto("/practice/chat-websockets");
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"] .react-flow__node').first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scenario the score uses", exact: true })).toBeVisible();
  expect(await intl()).toEqual([]);
});
