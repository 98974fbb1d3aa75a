import { expect, request as playwrightRequest, test } from "@playwright/test";
import { signIn, signOut, signUp, uniqueEmail } from "./helpers";

// Issue #14, sessions: a copied session cookie must stop working the moment its owner signs out, and over plain
// http the server must neither send HSTS nor mark cookies Secure (both only when NEXTAUTH_URL is https).

test("a session cookie replayed after sign-out is refused by the real server", async ({ page, baseURL }) => {
  await signUp(page, "Rita Replay", uniqueEmail("replay"));
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "a session cookie after sign-up").toBeDefined();
  expect(session?.secure).toBe(false);
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  // A second client (the attacker's) holding a copy of the cookie is signed in while the owner is.
  const attacker = await playwrightRequest.newContext({ baseURL });
  const before = await attacker.get("/api/auth/session", { headers: { cookie: cookieHeader } });
  expect(((await before.json()) as { user?: { name?: string } }).user?.name).toBe("Rita Replay");
  expect((await attacker.get("/dashboard", { headers: { cookie: cookieHeader }, maxRedirects: 0 })).status()).toBe(200);

  // Replay only once the owner's sign-out request has been answered (the header may change before that).
  const signedOut = page.waitForResponse((r) => r.url().includes("/api/auth/signout") && r.request().method() === "POST");
  await signOut(page);
  expect((await signedOut).ok()).toBe(true);

  const after = await attacker.get("/api/auth/session", { headers: { cookie: cookieHeader } });
  expect(((await after.json()) as { user?: unknown }).user).toBeUndefined();
  expect((await attacker.get("/dashboard", { headers: { cookie: cookieHeader }, maxRedirects: 0 })).status()).toBe(401);
  await attacker.dispose();
});

test("over http there is no HSTS header", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/api/health"]) {
    const res = await request.get(path);
    expect(res.headers()["strict-transport-security"], path).toBeUndefined();
  }
});

test("changing the password checks the current one, signs out everywhere, and the new one works", async ({ page, baseURL }) => {
  test.setTimeout(120_000); // sign-up, three password checks and a sign-in, each an argon2 hash on a busy machine
  const email = uniqueEmail("passwd");
  await signUp(page, "Pia Password", email);
  const cookieHeader = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("violet-harbour-lantern-58");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill("correct-horse-battery");
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/commonly used password/)).toBeVisible();

  await page.getByLabel("New password").fill("violet-harbour-lantern-58");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const attacker = await playwrightRequest.newContext({ baseURL });
  expect((await attacker.get("/dashboard", { headers: { cookie: cookieHeader }, maxRedirects: 0 })).status()).toBe(401);
  await attacker.dispose();
  await signIn(page, email, "violet-harbour-lantern-58");
  await expect(page.getByTestId("session-name")).toHaveText("Pia Password");
});
