import { describe, expect, it } from "vitest";
import { gateServerAction } from "@/lib/server/kernel/action-gate";
import { deeplyNestedJson } from "./helpers";

// What proxy.ts runs before Next decodes a server-action request. Before it, Next accepted a request without
// Origin and answered a foreign Origin, an oversized body or malformed JSON with a 500.

function action(body: string, headers: Record<string, string> = {}) {
  return new Request("http://localhost:3000/learn", {
    method: "POST",
    headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "00abc", "content-type": "text/plain;charset=UTF-8", ...headers },
    body,
  });
}

async function status(request: Request): Promise<number> {
  return (await gateServerAction(request))?.status ?? 200;
}

describe("the server-action gate", () => {
  it("lets a well-formed same-origin call through", async () => {
    expect(await status(action(JSON.stringify([{ designId: "d1", name: "$$dollar", when: "$D2026-01-01T00:00:00.000Z", gone: "$undefined" }])))).toBe(200);
  });

  it("refuses a missing or foreign Origin with 403", async () => {
    const noOrigin = action("[{}]");
    noOrigin.headers.delete("origin");
    expect(await status(noOrigin)).toBe(403);
    expect(await status(action("[{}]", { origin: "https://evil.example" }))).toBe(403);
    expect(await status(action("[{}]", { "sec-fetch-site": "cross-site" }))).toBe(403);
  });

  it("refuses bodies over 1 MB (declared or not) with 413, and other content types with 415", async () => {
    const big = JSON.stringify([{ name: "x".repeat(1_100_000) }]);
    expect(await status(action(big))).toBe(413);
    expect(await status(action(big, { "content-length": String(big.length) }))).toBe(413);
    expect(await status(action("[{}]", { "content-type": "multipart/form-data; boundary=x" }))).toBe(415);
  });

  it("refuses malformed JSON, a non-array, deep nesting and React references with 400 naming the body", async () => {
    for (const body of ["{nope", '{"a":1}', `[${deeplyNestedJson(5000)}]`, '["$@1"]', '[{"a":"$1:x"}]', '[{"a":"$h0"}]', '[{"$x":1}]']) {
      const refused = await gateServerAction(action(body));
      expect([body.slice(0, 20), refused?.status]).toEqual([body.slice(0, 20), 400]);
      expect(((await refused!.json()) as { error: { field: string } }).error.field).toBe("body");
    }
  });
});
