// npm run bench:canvas — frames per second while dragging a node of the 2,000-node example, beside the same drag
// on the three-tier example in the same run (the floor: what this browser and machine manage with nothing to draw).
// A benchmark: it prints figures and never fails on speed.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const EXAMPLES = new URL("../../lib/core/evaluator/examples/", import.meta.url);

async function openWith(page: Page, file: string) {
  await page.goto("/practice/sandbox");
  await expect(page.locator('[data-testid="design-editor"][data-hydrated="true"]')).toBeVisible();
  await page.locator('input[type="file"][accept*="json"]').setInputFiles({
    name: file,
    mimeType: "application/json",
    buffer: readFileSync(new URL(file, EXAMPLES)),
  });
  await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 60_000 });
}

const nodeById = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test("drag frame rate, 2,000 nodes vs the three-tier example", async ({ page }, info) => {
  await openWith(page, "three-tier.json");
  const floor = await measureDrag(page, 60);

  await openWith(page, "generated-2000.json");
  const big = await measureDrag(page, 60);
  for (let i = 0; i < 12; i++) await page.getByRole("button", { name: "Zoom Out" }).click();
  const zoomedOut = await measureDrag(page, 12);

  const line = (label: string, fps: number) => `  ${label.padEnd(34)} ${fps.toFixed(1).padStart(6)} fps  (${(fps / floor).toFixed(2)}× the floor)`;
  const report = [
    "[bench:canvas] drag frame rate",
    line("three-tier example (floor)", floor),
    line("2,000 nodes, default view", big),
    line("2,000 nodes, zoomed out fully", zoomedOut),
  ].join("\n");
  console.log(report);
  info.annotations.push({ type: "bench", description: report });
});

async function measureDrag(page: Page, moves: number): Promise<number> {
  const pane = await page.locator(".react-flow").boundingBox();
  if (!pane) throw new Error("canvas not visible");
  // The rendered node nearest the middle of the canvas.
  const id = await page.evaluate(({ cx, cy }) => {
    let best: string | null = null;
    let bestD = Infinity;
    for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (d < bestD) {
        bestD = d;
        best = el.dataset.id ?? null;
      }
    }
    return best;
  }, { cx: pane.x + pane.width / 2, cy: pane.y + pane.height / 2 });
  if (!id) throw new Error("no node rendered");
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__frames = 0;
    w.__counting = true;
    const tick = () => {
      if (!w.__counting) return;
      w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = await nodeById(page, id).boundingBox();
  if (!box) throw new Error("node not visible");
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  const t0 = Date.now();
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(x0 + i * 3, y0 + Math.sin(i / 8) * 40);
  }
  await page.mouse.up();
  const seconds = (Date.now() - t0) / 1000;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  console.log(`[canvas] dragged ${id}: ${frames} frames in ${seconds.toFixed(2)} s`);
  return frames / seconds;
}
