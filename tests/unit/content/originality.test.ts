import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("the course content is in our own words (originality check finds no copied runs)", () => {
  const tool = path.resolve(process.cwd(), "../shared/tools/originality.mjs");
  const result = spawnSync(process.execPath, [tool, "content/"], { encoding: "utf8", timeout: 120_000 });
  expect(result.stdout + result.stderr).toMatch(/no copied runs/i);
  expect(result.status).toBe(0);
}, 150_000);
