import { describe, expect, it } from "vitest";
import { POST as evaluate } from "@/app/api/evaluate/route";
import { clientHop } from "../../unit/evaluator/helpers";

// The edge field `priorResponses` (model 2.11.0, a kept-alive connection's age) through the public evaluation API: a
// whole count 1..100, anything else a 400 naming the field's path, and a stated age moving the lossy warm transfer.

type Envelope = { error: { message: string; field?: string }; errors?: { path: string; message: string }[] };
type Result = { latency: { warmTtfbMs: number; warmLastByteMs?: number }; assumptions: string[] };

const design = (priorResponses?: unknown) =>
  JSON.stringify({
    ...clientHop({ rttMs: 100, keepAlive: true, responseBytes: 100_000, lossRate: 0.01, ...(priorResponses !== undefined ? { priorResponses } : {}) }),
    version: 2,
  });

const call = (body: string) =>
  evaluate.run(
    new Request("http://localhost:3000/api/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost:3000", "x-roundtrip-peer": `203.0.113.${Math.floor(Math.random() * 250)}` },
      body,
    }),
    null,
  );

describe("POST /api/evaluate with a kept-alive connection's age", () => {
  it("refuses an age that is not a whole count from 1 to 100 with 400 naming the field", async () => {
    for (const bad of [0, 101, 2.5, 1e9, "9"]) {
      const res = await call(design(bad));
      const body = (await res.json()) as Envelope;
      expect([String(bad), res.status]).toEqual([String(bad), 400]);
      expect(body.error.field, String(bad)).toBe("edges[0].props.priorResponses");
    }
  });

  it("times an old connection's warm transfer slower than the default second response, and says what it assumed", async () => {
    const young = await call(design());
    const old = await call(design(9));
    expect([young.status, old.status]).toEqual([200, 200]);
    const y = (await young.json()) as Result;
    const o = (await old.json()) as Result;
    const afterFirstByte = (r: Result) => (r.latency.warmLastByteMs ?? 0) - r.latency.warmTtfbMs;
    expect(afterFirstByte(o) - afterFirstByte(y)).toBeGreaterThanOrEqual(100);
    expect(y.assumptions.some((a) => a.includes("Earlier responses on the connection not given"))).toBe(true);
    expect(o.assumptions.some((a) => a.includes("Earlier responses on the connection"))).toBe(false);
  });
});
