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
