import { expect, test } from "@playwright/test";
import { auditAndShoot } from "./audit-helpers";
import { focusCanvasNode, forProblem } from "./practice-helpers";

// Model 2.7.0's TLS record size as a candidate meets it: the result says in words that the first byte assumed small
// first records, the load balancer's panel offers the field with a sentence on what it changes, and setting it takes
// the assumption away. With PRACTICE_SCREENSHOTS=<dir>, full-page shots at 1366 and 375 px, light and dark.

const design = () =>
  forProblem("request-journey", {
    version: 2,
    name: "Large downloads behind one proxy",
    scenario: { rps: 50, readRatio: 1 },
    nodes: [
      { id: "users", kind: "client", position: { x: 0, y: 80 } },
      { id: "proxy", kind: "load_balancer", label: "Edge proxy", position: { x: 260, y: 80 }, props: { tlsTermination: true, http: "1.1" } },
      { id: "api", kind: "service", label: "Files API", position: { x: 520, y: 80 }, props: { replicas: 2, serviceTimeMs: 10 } },
    ],
    edges: [
      { id: "e1", from: "users", to: "proxy", props: { rttMs: 80, responseBytes: 300_000, timeoutMs: 10_000 } },
      { id: "e2", from: "proxy", to: "api", props: { responseBytes: 300_000, timeoutMs: 5_000 } },
    ],
  });

test("the record-size default is listed in words, and the proxy's field explains itself and replaces it", async ({ page }) => {
  await page.goto("/practice/request-journey");
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"]')).toBeVisible();
  await page
    .getByTestId("design-editor")
    .locator('input[type="file"]')
    .setInputFiles({ name: "downloads.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(design())) });
  await page.getByTestId("evaluate").click();
  await expect(page.getByTestId("result-area")).toHaveAttribute("data-evaluations", "1", { timeout: 20_000 });

  const assumptions = page.getByTestId("assumptions");
  await expect(page.getByRole("heading", { name: "What the evaluator assumed" })).toBeVisible();
  await expect(assumptions).toContainText("Edge proxy: TLS record size not given, first TLS records that fit the first round trip assumed");
  await expect(assumptions).not.toContainText("tlsRecordBytes");

  await focusCanvasNode(page, "proxy");
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Properties" });
  const field = panel.getByLabel("TLS record size (bytes)");
  await expect(field).toHaveAttribute("placeholder", "default");
  await expect(field).toHaveAccessibleDescription(/first byte arrives one round trip later/);
  await field.scrollIntoViewIfNeeded();
  await auditAndShoot(page, "tls-record-panel", process.env.PRACTICE_SCREENSHOTS);

  await field.fill("16384");
  await field.press("Enter");
  await page.getByTestId("evaluate").click();
  await expect(page.getByTestId("result-area")).toHaveAttribute("data-evaluations", "2", { timeout: 20_000 });
  await expect(assumptions).not.toContainText("TLS record size");
});
