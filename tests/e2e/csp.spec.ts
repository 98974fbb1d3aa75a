import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { isStaticPage } from "../../lib/server/kernel/csp";
import { DEMO, signIn } from "./helpers";

// The nonce policy on pages rendered per request, the static one on prerendered chapters (docs/security.md).

function scriptSrc(csp: string | null): string {
  return (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

/** Records every CSP violation on the page, from before the first script runs. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test("dynamic pages get a fresh nonce policy with no 'unsafe-inline' or 'unsafe-eval' for scripts", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/practice", "/quizzes", "/dashboard", "/designs"]) {
    const res = await request.get(path);
    const policy = res.headers()["content-security-policy"] ?? null;
    const src = scriptSrc(policy);
    console.log(`${path}: ${policy}`);
    expect(src, path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(src, path).toContain("'strict-dynamic'");
    expect(src, path).not.toContain("'unsafe-inline'");
    expect(src, path).not.toContain("'unsafe-eval'");
    const nonce = /'nonce-([^']+)'/.exec(src)![1]!;
    nonces.add(nonce);
    // Every script carries this request's nonce, or is an inline script the policy allows by its hash.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length, path).toBeGreaterThan(1);
    for (const [, attributes, body] of scripts) {
      if (attributes!.includes(`nonce="${nonce}"`)) continue;
      expect(src, `${path}: ${attributes} ${body!.slice(0, 80)}`).toContain(`'sha256-${createHash("sha256").update(body!).digest("base64")}'`);
    }
  }
  expect(nonces.size).toBe(4);
});

test("the static-policy list matches what the build prerendered", () => {
  // A prerendered page served with the nonce policy would have its scripts blocked; a per-request page on the
  // static list would lose the nonce protection. Both directions are read from the build's own manifests.
  const dist = process.env.NEXT_DIST_DIR ?? ".next-test";
  const prerendered = Object.keys((JSON.parse(readFileSync(path.join(dist, "prerender-manifest.json"), "utf8")) as { routes: Record<string, unknown> }).routes);
  const internal = (route: string) => route.startsWith("/_") || route === "/icon.svg";
  const pages = prerendered.filter((r) => !internal(r));
  expect(pages.length).toBeGreaterThan(10);
  for (const route of pages) expect(isStaticPage(route), `${route} is prerendered`).toBe(true);
  const appPaths = Object.keys(JSON.parse(readFileSync(path.join(dist, "server/app-paths-manifest.json"), "utf8")) as Record<string, string>);
  const perRequest = appPaths
    .filter((p) => p.endsWith("/page"))
    .map((p) => p.replace(/\/page$/, "") || "/")
    .filter((route) => !internal(route) && !route.includes("[") && !prerendered.includes(route));
  expect(perRequest.length).toBeGreaterThan(10);
  for (const route of perRequest) expect(isStaticPage(route), `${route} renders per request`).toBe(false);
});

test("prerendered chapter pages keep the static policy", async ({ request }) => {
  const res = await request.get("/learn/dns");
  expect(res.status()).toBe(200);
  const src = scriptSrc(res.headers()["content-security-policy"] ?? null);
  expect(src).toContain("'self'");
  expect(src).not.toContain("'nonce-");
});

test("a dynamic page hydrates under the nonce policy and blocks injected inline handlers", async ({ page }) => {
  await watchViolations(page);
  await signIn(page, DEMO.candidate);
  await page.goto("/dashboard");
  await expect(page.getByTestId("session-name")).toBeVisible();
  expect(await violations(page)).toEqual([]);
  // What a stored-XSS payload would try: an inline event handler. The policy must stop it.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/icon.svg?x" onload="window.__ran = 1" alt="">'));
  await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
});
