import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signUpOverHttp, uniqueEmail } from "./helpers";

const example = (name: string) => JSON.parse(readFileSync(`lib/core/evaluator/examples/${name}.json`, "utf8")) as Record<string, unknown>;

test.describe("POST /api/evaluate", () => {
  test("scores a valid design with the documented result shape, deterministically per seed", async ({ request }) => {
    const design = example("three-tier");
    const res = await request.post("/api/evaluate?seed=7", { data: design });
    expect(res.status()).toBe(200);
    const result = await res.json();
    expect(result.version).toBe(1);
    expect(typeof result.modelVersion).toBe("string");
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    expect(["A", "B", "C", "D", "F"]).toContain(result.grade);
    expect(result.latency.p50Ms).toBeLessThanOrEqual(result.latency.p99Ms);
    expect(result.checklist).toHaveLength(10);
    const again = await (await request.post("/api/evaluate?seed=7", { data: design })).json();
    expect(again).toEqual(result);
  });

  test("lists every problem with its JSON path (400) and scores nothing", async ({ request }) => {
    const res = await request.post("/api/evaluate", {
      data: {
        version: 1,
        name: "broken",
        nodes: [{ id: "a", kind: "teleporter" }, { id: "b", kind: "service", props: { replicas: -1 } }],
        edges: [{ id: "e1", from: "a", to: "missing" }],
      },
    });
    expect(res.status()).toBe(400);
    const body = await res.json();
    const paths = (body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["nodes[0].kind", "edges[0].to"]));
    expect(paths.some((p) => p.startsWith("nodes[1].props.replicas"))).toBe(true);
    expect(body.score).toBeUndefined();
  });

  test("refuses malformed JSON with 400 and bodies over 1 MB with 413", async ({ request }) => {
    const bad = await request.post("/api/evaluate", { data: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status()).toBe(400);
    const big = await request.post("/api/evaluate", {
      data: JSON.stringify({ version: 1, name: "x".repeat(1_100_000), nodes: [], edges: [] }),
      headers: { "content-type": "application/json" },
    });
    expect(big.status()).toBe(413);
  });

  test("rate-limits each signed-in user with 429 and Retry-After", async ({ page }) => {
    // Per user, so the test owns its bucket: every signed-out request of the run shares 127.0.0.1's.
    await signUpOverHttp(page, "Rate Tester", uniqueEmail("evaluate-limit"));
    const design = example("single-server");
    let limited = null as null | Awaited<ReturnType<typeof page.request.post>>;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await page.request.post("/api/evaluate", { data: design });
      if (res.status() === 429) limited = res;
      else expect(res.status()).toBe(200);
    }
    expect(limited, "expected a 429 within 60 requests (30 a minute per user by default)").not.toBeNull();
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  });
});
