import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// A reused keep-alive connection that the server closed at the same moment resets; a browser retries such a GET,
// and these tests read script bodies, not connection reuse (an idle full run, session 10: "read ECONNRESET").
const SCRIPT_FETCH = { maxRetries: 2 };

// Prerendered pages leave server.mjs compressed once (brotli and gzip), with an ETag, 304s and headers a CDN may
// cache (server-static-pages.mjs), and no page loads next-auth's client (components/layout/session-store.ts).

const CHAPTER = "/learn/big-picture";
const BROWSER_ENCODING = { "accept-encoding": "gzip, deflate, br" };

test("a chapter page is served pre-compressed with brotli, an ETag, a CDN-cacheable policy and its static CSP", async ({ request }) => {
  // The first request has the server compress the page off the request thread; later ones get the stored copy.
  await expect
    .poll(async () => (await request.get(CHAPTER, { headers: BROWSER_ENCODING })).headers()["content-encoding"], { timeout: 60_000 })
    .toBe("br");
  const res = await request.get(CHAPTER, { headers: BROWSER_ENCODING });
  const headers = res.headers();
  expect(res.status()).toBe(200);
  expect(headers["etag"]).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
  expect(headers["cache-control"]).toContain("public");
  expect(headers["cache-control"]).toMatch(/s-maxage=\d+/);
  expect(headers["vary"]?.toLowerCase()).toContain("accept-encoding");
  expect(headers["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");
  expect(headers["content-security-policy"]).not.toContain("nonce-");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(await res.text()).toContain("The big picture");

  // The same page for a client that takes only gzip, or nothing compressed: same ETag, same bytes once decoded.
  const gz = await request.get(CHAPTER, { headers: { "accept-encoding": "gzip" } });
  expect(gz.headers()["content-encoding"]).toBe("gzip");
  expect(gz.headers()["etag"]).toBe(headers["etag"]);
  const plain = await request.get(CHAPTER, { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(await plain.text()).toBe(await gz.text());
});

test("a chapter page answers 304 Not Modified to its own ETag, and the full page to a stale one", async ({ request }) => {
  await expect
    .poll(async () => (await request.get(CHAPTER, { headers: BROWSER_ENCODING })).headers()["content-encoding"], { timeout: 60_000 })
    .toBe("br");
  const etag = (await request.get(CHAPTER, { headers: BROWSER_ENCODING })).headers()["etag"]!;
  const again = await request.get(CHAPTER, { headers: { ...BROWSER_ENCODING, "if-none-match": etag } });
  expect(again.status()).toBe(304);
  expect(again.headers()["etag"]).toBe(etag);
  expect((await again.body()).length).toBe(0);
  const stale = await request.get(CHAPTER, { headers: { ...BROWSER_ENCODING, "if-none-match": '"not-this-one"' } });
  expect(stale.status()).toBe(200);
});

test("the build's scripts and stylesheets are served in brotli, immutable, with the same bytes and headers as Next's", async ({ request }) => {
  const html = await (await request.get(CHAPTER, { headers: BROWSER_ENCODING })).text();
  const files = [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"?]+\.(?:js|css))"/g)].map((m) => m[1]!))];
  expect(files.filter((f) => f.endsWith(".css")).length).toBeGreaterThan(0);
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(3);
  for (const file of files) {
    // Compressed off the request thread after the first request; Next answers (gzip) until then.
    await expect
      .poll(async () => (await request.get(file, { headers: BROWSER_ENCODING, ...SCRIPT_FETCH })).headers()["content-encoding"], { timeout: 60_000, message: file })
      .toBe("br");
    const br = await request.get(file, { headers: BROWSER_ENCODING, ...SCRIPT_FETCH });
    const plain = await request.get(file, { headers: { "accept-encoding": "identity" }, ...SCRIPT_FETCH });
    expect(plain.headers()["content-encoding"], file).toBeUndefined();
    expect(await br.body(), file).toEqual(await plain.body());
    const headers = br.headers();
    expect(headers["cache-control"], file).toBe("public, max-age=31536000, immutable");
    expect(headers["content-type"], file).toMatch(file.endsWith(".css") ? /^text\/css/ : /^application\/javascript/);
    expect(headers["vary"]?.toLowerCase(), file).toContain("accept-encoding");
    expect(headers["x-content-type-options"], file).toBe("nosniff");
    expect(Number(headers["content-length"]), file).toBeLessThan((await plain.body()).length);
  }
  // Only files of the build: a path that leaves /_next/static/ is Next's to refuse.
  expect((await request.get("/_next/static/chunks/..%2f..%2fBUILD_ID.js", { headers: BROWSER_ENCODING })).headers()["content-encoding"]).not.toBe("br");
});

test("client navigations and queries still reach Next: the RSC payload of a chapter is not the HTML", async ({ request }) => {
  const rsc = await request.get(CHAPTER, { headers: { ...BROWSER_ENCODING, rsc: "1" } });
  expect(rsc.status()).toBe(200);
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
});

test("no page loads next-auth's client: the header reads the session from /api/auth/session", async ({ page }) => {
  // The page's own scripts are the <script src> of its HTML (its first-load JS). Scripts fetched later for other
  // routes (the header's "Sign in" link is prefetched, and that route's form does use next-auth) are not this
  // page's, and when they arrive is a race, so they are not counted.
  const session = page.waitForResponse((r) => r.url().endsWith("/api/auth/session"));
  const html = await (await page.request.get(CHAPTER)).text();
  await page.goto(CHAPTER);
  expect((await session).status()).toBe(200);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  const firstLoad = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  expect(firstLoad.length).toBeGreaterThan(0);
  const bodies = await Promise.all(firstLoad.map(async (src) => (await page.request.get(src!, SCRIPT_FETCH)).text()));
  expect(bodies.join("").length).toBeGreaterThan(0);
  // "nextauth.message" is the storage key of next-auth's client (SessionProvider, signIn, signOut).
  expect(bodies.filter((b) => b.includes("nextauth.message"))).toEqual([]);

  // Signed in, the header shows the account without next-auth's client on the page either.
  await signIn(page, DEMO.candidate);
  await page.goto(CHAPTER);
  await expect(page.getByTestId("session-name")).toBeVisible();
  const signedIn = await (await page.request.get(CHAPTER)).text();
  const signedInScripts = [...signedIn.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const signedInBodies = await Promise.all(signedInScripts.map(async (src) => (await page.request.get(src, SCRIPT_FETCH)).text()));
  expect(signedInBodies.filter((b) => b.includes("nextauth.message"))).toEqual([]);
});

test("reading the session loads no zod: no script a chapter fetches, signed out or in, carries it", async ({ page }) => {
  // The header checked /api/auth/session with a zod/mini schema imported beside the request, and under Turbopack
  // that brought zod's whole core (85 kB of script) to every page once it was interactive. The header shows its
  // account controls only after that check, so by then every script it needed has been fetched. "$ZodType" is a
  // class name zod keeps in its minified code.
  const fetched = new Set<string>();
  page.on("request", (request) => {
    if (request.resourceType() === "script") fetched.add(request.url());
  });
  const zodScripts = async () => {
    const urls = [...fetched];
    const bodies = await Promise.all(urls.map(async (url) => (await page.request.get(url, SCRIPT_FETCH)).text()));
    expect(bodies.join("")).toContain("useSyncExternalStore");
    return urls.filter((_, i) => bodies[i]!.includes("$ZodType"));
  };

  await page.goto(CHAPTER);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  expect(await zodScripts()).toEqual([]);

  await signIn(page, DEMO.candidate);
  fetched.clear();
  await page.goto(CHAPTER);
  await expect(page.getByTestId("session-name")).toBeVisible();
  expect(await zodScripts()).toEqual([]);
});

test("the framework's scripts carry V8's compile hint, so they are compiled while they download", async ({ request }) => {
  // next.config.mjs adds "//# allFunctionsCalledOnLoad" to the build's rootMainFiles (React DOM, the router): their
  // functions, nearly all run at start-up, are then compiled off the main thread instead of in the page's longest task.
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next-test", "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  expect(manifest.rootMainFiles.length).toBeGreaterThan(0);
  for (const url of ["/", CHAPTER]) {
    const html = await (await request.get(url)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="\/_next\/([^"?]+)/g)].map((m) => m[1]!);
    expect(scripts).toEqual(expect.arrayContaining(manifest.rootMainFiles));
  }
  for (const file of manifest.rootMainFiles) {
    const body = await (await request.get(`/_next/${file}`, SCRIPT_FETCH)).text();
    expect(body.startsWith("//# allFunctionsCalledOnLoad\n"), file).toBe(true);
  }
});
