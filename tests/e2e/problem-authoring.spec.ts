import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { auditAndShoot, shootWidths } from "./audit-helpers";
import { signInOverHttp, signUpOverHttp, uniqueEmail } from "./helpers";
import { answerRequirements, forProblem, problemFile } from "./practice-helpers";

// Practice-problem authoring, in four independent tests (fullyParallel spreads them over the workers):
// a blank problem lists what is missing and cannot be created half-done; an instructor writes a problem as a
// copy with a new follow-up and a rubric (weights, a required checklist item), previews it, creates and publishes
// it, and its export carries the rubric; a candidate solves an authored problem whose rubric caps a design that
// fails the required item; a candidate is refused every authoring page. Every new page is audited with axe in
// light and dark. With AUTHOR_SCREENSHOTS=<dir> it saves full-page screenshots at 1366 and 375 px, light and dark.
//
// Where the time went (208 s for one serial test): two sign-ups through the rendered forms plus an admin signing
// in to promote the author through /admin/users; the candidate's five follow-up rounds (two evaluations each);
// and everything in one test, so the second worker had nothing to do. Users are now made over HTTP (the forms and
// the admin's role page have their own tests: foundation.spec.ts, instructor.spec.ts), the author's role is set
// in SQL before their first sign-in, the solved problem keeps three rounds, and the parts run side by side.

const BASE = "url-shortener";
const stampOf = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** An instructor of the test's own: signed up over HTTP, made an instructor in SQL before their first sign-in. */
async function newInstructor(browser: Browser): Promise<Page> {
  const email = uniqueEmail("author");
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  const made = await page.request.post("/api/auth/signup", { data: { name: "Ines Author", email, password: "correct-horse-battery" } });
  expect(made.status(), await made.text()).toBe(202);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const updated = await client.query("UPDATE users SET role = 'INSTRUCTOR' WHERE email = $1", [email]);
    expect(updated.rowCount).toBe(1);
  } finally {
    await client.end();
  }
  await signInOverHttp(page, email, "correct-horse-battery");
  return page;
}

async function newCandidate(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  await signUpOverHttp(page, name, uniqueEmail("solver"));
  return page;
}

/** The url-shortener as a new problem: its first two rounds plus "twice the load", with a rubric. */
function authoredProblem(slug: string, title: string, roundTitle: string) {
  const base = JSON.parse(JSON.stringify(problemFile(BASE))) as ReturnType<typeof problemFile> & Record<string, unknown>;
  const followUps = (base.followUps as Record<string, unknown>[]).slice(0, 2);
  followUps.push({
    key: "double-load",
    title: roundTitle,
    prompt: "Marketing doubled the traffic overnight. What happens to your design?",
    change: [{ op: "scale-load", factor: 2 }],
    pass: {},
    advice: "Headroom on every tier: twice the load should fit without new hardware.",
    href: "/learn/caching#cdn",
  });
  return {
    ...base,
    slug,
    title,
    followUps,
    rubric: { weights: { latency: 40, reliability: 25, capacity: 15, security: 10, checklist: 10 }, required: ["edge-tls"] },
  };
}

test("a blank problem lists what is still missing, and nothing is created until it is complete", async ({ browser }) => {
  // axe over the whole problem form takes half a minute per theme on a busy machine.
  test.setTimeout(300_000);
  const instructor = await newInstructor(browser);
  expect((await instructor.goto("/instructor/problems"))?.status()).toBe(200);
  await expect(instructor.getByRole("link", { name: "Practice problems" })).toHaveAttribute("aria-current", "page");
  await auditAndShoot(instructor, "problems-list", process.env.AUTHOR_SCREENSHOTS);

  await instructor.getByRole("link", { name: "New problem" }).click();
  await expect(instructor.getByLabel("Start from")).toHaveValue("blank");
  const missing = instructor.getByTestId("problem-missing");
  await expect(missing).toContainText("Still to fill in before you can create the draft");
  const aboutRow = missing.getByRole("listitem").filter({ hasText: "The problem" });
  await expect(aboutRow).toContainText("Title");
  await expect(missing.getByRole("listitem").filter({ hasText: "Stage 4: follow-up rounds" })).toBeVisible();
  await auditAndShoot(instructor, "problem-blank", process.env.AUTHOR_SCREENSHOTS);
  // At 375 px most group headings wrap; each must sit inside its frame, not across the frame's top line (a wrapped
  // <legend> straddles it, and the line then runs through the heading).
  await instructor.setViewportSize({ width: 375, height: 800 });
  const straddling = () =>
    instructor.evaluate(() =>
      [...document.querySelectorAll("#problem-form fieldset > legend")]
        .filter((legend) => {
          const frame = legend.parentElement!;
          const top = frame.getBoundingClientRect().top + parseFloat(getComputedStyle(frame).borderTopWidth);
          return legend.getBoundingClientRect().top < top - 0.5;
        })
        .map((legend) => legend.textContent?.trim().slice(0, 60)),
    );
  await expect.poll(straddling).toEqual([]);
  expect(await instructor.locator("#problem-form fieldset > legend").count()).toBeGreaterThan(5);
  // Every text field keeps most of the form's width at 375 px: a list entry's ↑, ↓ and Remove buttons once sat beside
  // it and squeezed each requirement to half the width.
  const narrow = () =>
    instructor.evaluate(() => {
      const form = document.querySelector("#problem-form")!.getBoundingClientRect().width;
      return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("#problem-form input[type=text], #problem-form textarea")]
        .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().width < form * 0.7)
        .map((el) => `${el.labels?.[0]?.textContent?.trim() ?? el.id}: ${Math.round(el.getBoundingClientRect().width)} of ${Math.round(form)} px`);
    });
  await expect.poll(narrow).toEqual([]);
  expect(await instructor.getByRole("textbox", { name: /^Requirement 1/ }).count()).toBeGreaterThan(0);
  await instructor.setViewportSize({ width: 1366, height: 900 });

  // Filling a field takes it off the list; creating the draft before the rest is done is refused in place.
  const about = instructor.getByRole("region", { name: "The problem", exact: true });
  await about.getByLabel("Title", { exact: true }).fill("A problem from scratch");
  await expect(aboutRow).not.toContainText(/(^|: |; )Title(;|$)/);
  await instructor.getByRole("button", { name: "Create draft" }).click();
  await expect(instructor.getByRole("alert").filter({ hasText: "listed here first" })).toContainText(/Fix the \d+ problems/);
  await expect(instructor).toHaveURL(/\/instructor\/problems\/new/);
  await expect(about.getByLabel("Title", { exact: true })).toHaveValue("A problem from scratch");
  await instructor.context().close();
});

test("an instructor writes a problem with a new follow-up and a rubric, previews, creates and publishes it; the export carries the rubric", async ({
  browser,
}) => {
  // Generous for a busy machine with screenshots on (each full-page shot of the long form takes seconds).
  test.setTimeout(420_000);
  const stamp = stampOf();
  const slug = `e2e-shortener-${stamp}`;
  const title = `Short links ${stamp}`;
  const roundTitle = `Twice the load ${stamp}`;
  const instructor = await newInstructor(browser);

  await instructor.goto(`/instructor/problems/new?from=${BASE}`);
  await expect(instructor.getByLabel("Start from")).toHaveValue(BASE);
  const about = instructor.getByRole("region", { name: "The problem", exact: true });
  await expect(about.getByLabel("Title", { exact: true })).toHaveValue("");

  // A taken address name is refused by the server, naming the field, and everything typed stays.
  await about.getByLabel(/^Address name/).fill(BASE);
  await about.getByLabel("Title", { exact: true }).fill(title);
  await instructor.getByRole("button", { name: "Create draft" }).click();
  // (Next's route announcer is an empty alert too: pick ours by its text.)
  const taken = instructor.getByRole("alert").filter({ hasText: "already exists" });
  await expect(taken).toContainText(/^Address name: /);
  await expect(about.getByLabel("Title", { exact: true })).toHaveValue(title);
  await about.getByLabel(/^Address name/).fill(slug);
  // The refusal was about the old name: it goes as soon as the author changes it.
  await expect(taken).toHaveCount(0);

  // One more follow-up after the copied ones: twice the load.
  const rounds = instructor.getByRole("region", { name: "Stage 4: follow-up rounds" });
  await rounds.getByRole("button", { name: "Add follow-up" }).click();
  const round = rounds.getByRole("group", { name: /^Follow-up \d+$/ }).last();
  await round.getByLabel(/^Short name/).fill("double-load");
  await round.getByLabel("Title", { exact: true }).fill(roundTitle);
  await round.getByLabel("What the interviewer says").fill("Marketing doubled the traffic overnight. What happens to your design?");
  await round.getByLabel("Change 1", { exact: true }).selectOption({ label: "Multiply the load" });
  await round.getByLabel("By (×, more than 1)").fill("2");
  await round.getByLabel(/^What a strong answer does/).fill("Headroom on every tier: twice the load should fit without new hardware.");
  await round.getByLabel(/^Chapter link/).fill("/learn/caching#cdn");

  // The rubric: weights that do not add up are flagged as typed; a required checklist item.
  const scoring = instructor.getByRole("region", { name: "Scoring: weights and required checklist items" });
  await expect(scoring.getByTestId("rubric-weights-total")).toHaveText("Total: 100 %");
  await scoring.getByLabel("Latency (%)").fill("40");
  await expect(scoring.getByTestId("rubric-weights-total")).toHaveText("Total: 115 % (must be 100 %)");
  await scoring.getByLabel("Security (%)").fill("5");
  await expect(scoring.getByTestId("rubric-weights-total")).toHaveText("Total: 100 %");
  await scoring.getByRole("checkbox", { name: "TLS ends at the edge" }).check();

  // The preview shows the brief as a candidate reads it, with how it is scored, and scores the reference design.
  const preview = instructor.getByTestId("problem-preview");
  await preview.getByRole("button", { name: "Preview as a candidate" }).click();
  await expect(preview.getByTestId("reference-score")).toContainText(/\d+\/100/, { timeout: 60_000 });
  await expect(preview).toContainText(roundTitle);
  await expect(preview.getByTestId("brief-rubric")).toContainText("Latency 40 %, reliability 25 %, capacity 15 %, security 5 %, design checklist 15 %");
  await expect(preview.getByTestId("brief-rubric")).toContainText("TLS ends at the edge");
  // (The editor's form is audited on the blank problem above; axe over this whole form again costs half a minute.)
  await shootWidths(instructor, "problem-new", process.env.AUTHOR_SCREENSHOTS);

  await instructor.getByRole("button", { name: "Create draft" }).click();
  await expect(instructor).toHaveURL(new RegExp(`/instructor/problems/${slug}$`));
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(instructor.getByTestId("audit-log")).toContainText("created it (version 1)");

  await instructor.getByRole("button", { name: "Publish version 1" }).click();
  await expect(instructor.getByText("Version 1 is published")).toBeVisible({ timeout: 60_000 });
  await expect(instructor.getByTestId("reference-score")).toContainText(/\d+\/100/);
  await expect(instructor.getByTestId("audit-log")).toContainText("published it (version 1)");
  await expect(instructor.getByTestId("problem-versions")).toContainText("reference");
  // The editor's form is audited on the blank problem; here the page around it (status, versions, audit log).
  await auditAndShoot(instructor, "problem-edit", process.env.AUTHOR_SCREENSHOTS, "#problem-form");

  // The export carries the rubric exactly as authored.
  const exported = await instructor.request.get(`/instructor/problems/export?slug=${slug}`);
  expect(exported.status()).toBe(200);
  const [file] = (await exported.json()) as { rubric?: unknown; followUps: { key: string }[] }[];
  expect(file?.rubric).toEqual({ weights: { latency: 40, reliability: 25, capacity: 15, security: 5, checklist: 15 }, required: ["edge-tls"] });
  expect(file?.followUps.at(-1)?.key).toBe("double-load");

  // Bad JSON on import: nothing imported, the field named, the text kept.
  await instructor.goto("/instructor/problems/import");
  await instructor.getByLabel("Or paste the JSON").fill('[{"slug": "Not a slug"}]');
  await instructor.getByRole("button", { name: "Import as drafts" }).click();
  await expect(instructor.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText("Nothing was imported. problem 1, slug");
  await expect(instructor.getByLabel("Or paste the JSON")).toHaveValue('[{"slug": "Not a slug"}]');
  await auditAndShoot(instructor, "problem-import", process.env.AUTHOR_SCREENSHOTS);
  await instructor.context().close();
});

test("a candidate solves an authored problem: the brief says how it is scored, a required item caps a design that fails it", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const stamp = stampOf();
  const slug = `e2e-solved-${stamp}`;
  const title = `Solved links ${stamp}`;
  const roundTitle = `Twice the load ${stamp}`;
  const base = problemFile(BASE);

  // The instructor brings the problem in through the import (the form is the subject of the test above).
  const instructor = await newInstructor(browser);
  await instructor.goto("/instructor/problems/import");
  await instructor.getByLabel("Or paste the JSON").fill(JSON.stringify([authoredProblem(slug, title, roundTitle)]));
  await instructor.getByRole("button", { name: "Import as drafts" }).click();
  await expect(instructor.getByRole("status").filter({ hasText: title })).toContainText("created as a draft, version 1");

  // A draft is for instructors only.
  const candidate = await newCandidate(browser, "Cass Candidate");
  expect((await candidate.goto(`/practice/${slug}`))?.status()).toBe(404);
  await instructor.goto(`/instructor/problems/${slug}`);
  await instructor.getByRole("button", { name: "Publish version 1" }).click();
  await expect(instructor.getByText("Version 1 is published")).toBeVisible({ timeout: 60_000 });
  await instructor.context().close();

  await candidate.goto(`/practice/${slug}`);
  await expect(candidate.getByRole("heading", { level: 1 })).toContainText(title);
  await candidate.getByTestId("start-interview").click();
  await expect(candidate).toHaveURL(/\?design=/);
  await expect(candidate.getByTestId("brief-rubric").first()).toContainText("Latency 40 %");
  await expect(candidate.getByTestId("brief-rubric").first()).toContainText("capped at 59/100");
  const interview = candidate.getByTestId("interview");
  await answerRequirements(interview, base.requirements);
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

  const importDesign = async (doc: unknown) => {
    await candidate
      .getByTestId("design-editor")
      .locator('input[type="file"]')
      .setInputFiles({ name: "design.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
    await expect(candidate.getByTestId("save-status")).toContainText(/Unsaved changes|Saving/);
    await expect(candidate.getByTestId("save-status")).toContainText("Saved at", { timeout: 20_000 });
  };

  // The reference without TLS at its edge fails the required item: capped, with the reason and the chapter.
  const noTls = structuredClone(forProblem(BASE, base.reference));
  for (const n of noTls.nodes) if (n.id === "cdn" && n.props) n.props.tlsTermination = false;
  await importDesign(noTls);
  await interview.getByTestId("submit-design").click();
  const cap = interview.getByTestId("rubric-cap");
  await expect(cap).toContainText("This problem requires “TLS ends at the edge”", { timeout: 60_000 });
  await expect(cap.getByRole("link")).toHaveAttribute("href", /^\/learn\/tls#/);
  await expect(interview.getByTestId("design-stage-summary")).toContainText(/\b([0-5]?\d) \/ 100 \(grade F\), not passed/);

  // The reference itself meets it: the weighted score stands, and the rounds follow, the new one last.
  await interview.getByRole("button", { name: /^3\. Design/ }).click();
  await importDesign(forProblem(BASE, base.reference));
  await interview.getByTestId("submit-design").click();
  await expect(interview.getByTestId("design-stage-result")).toContainText(/Design submitted: \d+ \/ 100 \(grade A\)/, { timeout: 60_000 });
  await expect(interview.getByTestId("rubric-cap")).toHaveCount(0);
  await expect(interview.getByTestId("rubric-note")).toContainText("on the standard weights");
  await interview.getByRole("button", { name: "Go to the follow-ups" }).click();
  await expect(interview.getByTestId("design-stage-summary")).toContainText(/\d+ \/ 100 \(grade A\)\.$/);
  await expect(interview.getByTestId("follow-up-round")).toBeVisible();
  await interview.getByTestId("answer-round").click();
  await expect(interview.getByTestId("round-result")).toContainText("Attempt 1", { timeout: 60_000 });
  for (const next of [base.followUps[1]!.title, roundTitle]) {
    await interview.getByTestId("next-round").click();
    await expect(interview.getByRole("heading", { name: new RegExp(next) })).toBeVisible();
    await expect(interview.getByTestId("round-result")).toContainText("Attempt 1", { timeout: 60_000 });
  }
  await interview.getByTestId("finish-interview").click();
  await expect(candidate).toHaveURL(/\/designs\/[^/]+\/reference$/);
  await expect(candidate.getByTestId("comparison-summary")).toContainText("the reference scores");

  // The design was scored twice (capped, then the reference): its page charts the score per attempt as a line.
  await candidate.goto(candidate.url().replace(/\/reference$/, ""));
  const chart = candidate.getByTestId("score-per-attempt");
  await expect(chart).toBeVisible();
  // recharts loads after the page (a lazy chunk): the line is a path through at least two points.
  await expect(chart.locator("path.recharts-curve").first()).toHaveAttribute("d", /^M[^A-Za-z]+[LC]/, { timeout: 60_000 });
  await shootWidths(candidate, "score-per-attempt", process.env.AUTHOR_SCREENSHOTS);
  await candidate.context().close();
});

test("a candidate gets 403 on the problem-authoring pages and the export", async ({ page }) => {
  await signUpOverHttp(page, "Nosy Candidate", uniqueEmail("nosy"));
  for (const p of ["/instructor/problems", "/instructor/problems/new", "/instructor/problems/import", `/instructor/problems/${BASE}`]) {
    expect((await page.goto(p))?.status(), p).toBe(403);
  }
  expect((await page.request.get("/instructor/problems/export")).status()).toBe(403);
});
