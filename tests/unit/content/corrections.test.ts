import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGlossary } from "@/lib/content/glossary";
import { scoreResponse } from "@/lib/core/quiz";
import { questionFileSchema, type Question } from "@/lib/schemas/question";

// One check per correction of issue 16: each fails on the text as it stood before the fix.
const ROOT = process.cwd();
const chapter = (file: string) => readFileSync(path.join(ROOT, "content/chapters", file), "utf8").replace(/\s+/g, " ");
const bank: Question[] = readdirSync(path.join(ROOT, "content/questions"))
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => questionFileSchema.parse(JSON.parse(readFileSync(path.join(ROOT, "content/questions", f), "utf8"))));
const question = (id: string) => {
  const q = bank.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
};
const glossary = (id: string) => loadGlossary().find((t) => t.id === id)?.definition.replace(/\s+/g, " ") ?? "";

describe("issue 16 corrections", () => {
  it("1. pooling arithmetic: a new connection costs 7 ms a call, four sequential calls 28 ms with 20 ms of set-up", () => {
    const text = chapter("08-http-versions.md");
    expect(text).toContain("4 × 7 = 28 ms");
    expect(text).toContain("4 × 5 = 20 ms is connection set-up");
    expect(text).not.toContain("5 ms per call");
  });

  it("2. server time subtracts the request's round trip, and a server-side header holds no client DNS or TCP time", () => {
    const text = chapter("13-latency.md");
    expect(text).toContain("142 − 28 ≈ **114 ms**");
    expect(text).not.toMatch(/total=142ms dns=/);
    expect(question("latency/timing-header-db").prompt).not.toMatch(/DNS|TCP/);
    expect(glossary("timing-header")).toMatch(/cannot include the client's DNS lookup/);
  });

  it("3. 'No route to host' is an ICMP unreachable; a security group drops silently", () => {
    const text = chapter("01-big-picture.md");
    expect(text).toMatch(/\| `No route to host` \| [^|]*ICMP/);
    expect(text).not.toMatch(/\| `No route to host` \|[^|]*\|[^|]*security group/);
    const q = question("big-picture/error-to-cause");
    if (q.type !== "matching") throw new Error("matching expected");
    expect(q.pairs.find((p) => p.left === "No route to host")?.right).toMatch(/ICMP/);
  });

  it("4. a full accept backlog drops SYNs (slow connects), it does not refuse", () => {
    expect(chapter("04-tcp-performance.md")).not.toMatch(/"Connection refused" under load \| Listen\/accept backlog/);
    const q = question("tcp-performance/symptom-fix");
    if (q.type !== "matching") throw new Error("matching expected");
    expect(q.pairs.find((p) => p.right.includes("somaxconn"))?.left).not.toMatch(/refused/i);
    expect(glossary("listen-backlog")).toMatch(/drops incoming SYNs/);
  });

  it("5. nginx with every upstream down answers 502; immutable only skips revalidation while fresh", () => {
    const text = chapter("07-http-semantics.md");
    expect(text).toMatch(/no live upstreams" and answers \*\*502\*\*/);
    expect(text).not.toContain("Won't change; cache indefinitely");
    expect(text).toMatch(/\| immutable \| [^|]*while fresh/);
  });

  it("6. Sydney–Virginia uses the measured ~200 ms, not a figure below the fibre floor", () => {
    const text = chapter("09-tls.md");
    expect(text).not.toContain("Virginia at ~150 ms");
    expect(text).toContain("3 RTT × 200 ms = **600 ms**");
  });

  it("7. the first-request budget includes the request's trip out", () => {
    expect(chapter("01-big-picture.md")).toMatch(/\| Request crosses to the server \| one trip out/);
  });

  it("8. idempotency keys are optional at Stripe and PayPal; partitions offer a quorum-based, consistency-first choice", () => {
    const text = chapter("14-distributed-systems.md");
    expect(text).not.toContain("Stripe and PayPal require one");
    expect(text).toMatch(/\| Partition \| [^|]*\| [^|]*majority quorum/);
    expect(text).toContain("R + W > N");
  });

  it("9. on-demand video streaming is HTTP over TCP; UDP is for live, interactive media", () => {
    const text = chapter("05-udp-quic-realtime.md");
    expect(text).not.toMatch(/\| Video streaming \| UDP \|/);
    expect(text).toMatch(/\| On-demand video streaming \(HLS, DASH\) \| TCP/);
  });

  it("10. Reno halves and CUBIC keeps 0.7; HTTP/2's sixty assets pay slow start; keep-alive probes do not reset an ALB", () => {
    const tcp = chapter("04-tcp-performance.md");
    expect(tcp).toContain("to half in Reno, to 0.7 in CUBIC");
    expect(tcp).not.toContain("halves the window instead of starting over |");
    expect(chapter("08-http-versions.md")).toMatch(/share a single congestion window/);
    expect(chapter("05-udp-quic-realtime.md")).not.toContain("(or a TCP keepalive probe)");
    expect(chapter("02-addressing.md")).not.toContain("The fix is TCP keep-alive probes every 15 s");
  });

  it("12. caching/hit-ratio-average accepts the 22 ms the chapter teaches, and still rejects a wrong answer", () => {
    const q = question("caching/hit-ratio-average");
    expect(scoreResponse(q, { value: 22 }).correct).toBe(true);
    expect(scoreResponse(q, { value: 21.8 }).correct).toBe(true);
    expect(scoreResponse(q, { value: 101 }).correct).toBe(false);
  });

  it("13. no references to 'the material' or 'the sample', and no tables pasted from the brief", () => {
    const files = readdirSync(path.join(ROOT, "content/chapters")).filter((f) => f.endsWith(".md"));
    const leftovers = files.filter((f) => /\bthe (course )?material\b|\bthe sample\b|\bthe original sample\b/i.test(chapter(f)));
    expect(leftovers).toEqual([]);
    expect(chapter("13-latency.md")).not.toContain("| Game update rate | 60 per second |");
    expect(chapter("14-distributed-systems.md")).not.toContain("| Static timeout example | 5 s | Timeout strategies table |");
    // The "one handshake per request before HTTP/2" correction is told once, in chapter 8.
    const retold = files.filter((f) => /persistent (by default|unless)/.test(chapter(f)) && !f.startsWith("08-") && !f.startsWith("07-"));
    expect(retold).toEqual([]);
  });
});
