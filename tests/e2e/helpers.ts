import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const DEMO_PASSWORD = "roundtrip-demo";
export const DEMO = {
  candidate: "candidate@roundtrip.dev",
  instructor: "instructor@roundtrip.dev",
  admin: "admin@roundtrip.dev",
} as const;

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.test`;
}

/** Signs up through the real form and waits until the header shows the new user's name. */
export async function signUp(page: Page, name: string, email: string, password = "correct-horse-battery"): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("session-name")).toHaveText(name);
}

/**
 * Signs up and in over HTTP with the two requests the sign-up form itself makes (POST /api/auth/signup, then
 * next-auth's credentials sign-in), into the page's own cookie jar. For tests whose subject is not the form: it
 * skips rendering /sign-up and /learn, seconds per test on a busy machine. The forms keep their own tests
 * (foundation.spec.ts, sessions.spec.ts, learn.spec.ts use signUp/signIn above).
 */
export async function signUpOverHttp(page: Page, name: string, email: string, password = "correct-horse-battery"): Promise<void> {
  const made = await page.request.post("/api/auth/signup", { data: { name, email, password } });
  expect(made.status(), await made.text()).toBe(202);
  await signInOverHttp(page, email, password);
}

/** Signs in over HTTP (next-auth's CSRF token, then its credentials callback), into the page's cookie jar. */
export async function signInOverHttp(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.ok(), `sign-in of ${email} answered ${res.status()}`).toBe(true);
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  expect(session?.user?.email).toBe(email);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("session-name")).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}

/**
 * Records every Intl number or date formatter the page builds, and every toLocale*String call, from its first
 * script on. Chromium builds ICU's formatter on first use, once per page, and that costs tens of ms of main-thread
 * CPU (×4 in Lighthouse's mobile run). Returns a function that reads what was recorded so far.
 */
export async function recordIntlFormatting(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __intl: string[] };
    w.__intl = [];
    const watch = <T extends object>(owner: T, key: keyof T & string, label: string) => {
      const original = owner[key] as unknown as (...args: unknown[]) => unknown;
      Object.defineProperty(owner, key, {
        configurable: true,
        writable: true,
        value: function (this: unknown, ...args: unknown[]) {
          w.__intl.push(label);
          return new.target ? Reflect.construct(original, args, new.target) : original.apply(this, args);
        },
      });
    };
    watch(Number.prototype, "toLocaleString", "Number#toLocaleString");
    watch(Date.prototype, "toLocaleString", "Date#toLocaleString");
    watch(Date.prototype, "toLocaleDateString", "Date#toLocaleDateString");
    watch(Date.prototype, "toLocaleTimeString", "Date#toLocaleTimeString");
    watch(Intl, "NumberFormat", "Intl.NumberFormat");
    watch(Intl, "DateTimeFormat", "Intl.DateTimeFormat");
  });
  return () => page.evaluate(() => (window as unknown as { __intl: string[] }).__intl);
}
