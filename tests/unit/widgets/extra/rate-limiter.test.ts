import { describe, expect, it } from "vitest";
import {
  advance,
  APP_DEFAULT,
  EMPTY_WINDOW,
  fire,
  newLab,
  nginxRequest,
  NGINX_DEFAULT,
  SMALL_TRACE,
  summarise,
  windowRequest,
  type WindowState,
} from "@/lib/core/widgets/rate-limiter";

function trace(times: number[], config = SMALL_TRACE) {
  let s: WindowState = EMPTY_WINDOW;
  return times.map((t) => {
    const r = windowRequest(s, config, t);
    s = r.state;
    return r.decision;
  });
}

describe("W22 sliding-window rate limiter", () => {
  it("reproduces the chapter's small trace (limit 3, window 10 s), rejected calls counted", () => {
    const d = trace([0, 1_000, 2_000, 3_000, 10_500, 13_500]);
    expect(d.map((x) => [x.count, x.status, x.remaining])).toEqual([
      [0, 200, 2],
      [1, 200, 1],
      [2, 200, 0],
      [3, 429, 0],
      [3, 429, 0],
      [1, 200, 1],
    ]);
  });
  it("refuses the (limit+1)-th request inside the window", () => {
    const d = trace(Array.from({ length: 101 }, (_, i) => i * 10), APP_DEFAULT);
    expect(d.slice(0, 100).every((x) => x.allowed)).toBe(true);
    expect(d[100]?.allowed).toBe(false);
    expect(d[100]?.status).toBe(429);
  });
  it("with count 97 the request is allowed with remaining 2", () => {
    const d = trace(Array.from({ length: 98 }, (_, i) => i), APP_DEFAULT);
    expect(d[97]?.count).toBe(97);
    expect(d[97]?.remaining).toBe(2);
  });
  it("entries at or before now − window are dropped", () => {
    const d = trace([0, 10_000], { ...SMALL_TRACE, limit: 1 });
    expect(d[1]?.pruned).toBe(1);
    expect(d[1]?.allowed).toBe(true);
  });
  it("without counting rejected calls, the t = 10,500 request of the trace is allowed", () => {
    const d = trace([0, 1_000, 2_000, 3_000, 10_500], { ...SMALL_TRACE, countRejected: false });
    expect(d[4]?.allowed).toBe(true);
    expect(d[4]?.count).toBe(2);
  });
  it("same-millisecond requests are counted separately", () => {
    const d = trace([5, 5, 5, 5]);
    expect(d.map((x) => x.allowed)).toEqual([true, true, true, false]);
  });
  it("a 429 carries Retry-After: 60 and the JSON body", () => {
    const d = trace([0, 0, 0, 0]);
    const last = d[3];
    expect(last?.headers).toContainEqual(["Retry-After", "60"]);
    expect(last?.headers).toContainEqual(["X-RateLimit-Remaining", "0"]);
    expect(JSON.parse(last?.body ?? "{}")).toEqual({ error: "Too Many Requests", retryAfter: 60 });
    expect(d[0]?.headers).toContainEqual(["X-RateLimit-Limit", "3"]);
    expect(d[0]?.resetAt).toBe(10_000);
  });
});

describe("W22 nginx rate=100r/m burst=20 nodelay", () => {
  it("30 requests at once: 21 served, 9 refused; the sliding window serves all 30", () => {
    const lab = fire(newLab(), 30);
    expect(summarise(lab.shots)).toEqual({ windowAllowed: 30, windowRejected: 0, nginxAllowed: 21, nginxRejected: 9 });
  });
  it("meters one request per ~600 ms once the burst is spent (nginx's integer rate: 1,666 milli-requests/s)", () => {
    let lab = fire(newLab(), 21);
    lab = fire(advance(lab, 599), 1);
    expect(lab.shots.at(-1)?.nginx.allowed).toBe(false);
    lab = fire(advance(lab, 2), 1);
    expect(lab.shots.at(-1)?.nginx.allowed).toBe(true);
  });
  it("a refused request does not change nginx's state; after 13 s of quiet the full burst is back", () => {
    let s = nginxRequest(undefined, NGINX_DEFAULT, 0).state;
    for (let i = 0; i < 20; i++) s = nginxRequest(s, NGINX_DEFAULT, 0).state;
    const refused = nginxRequest(s, NGINX_DEFAULT, 0);
    expect(refused.decision.allowed).toBe(false);
    expect(refused.state).toBe(s);
    let lab = { ...newLab(), nginxState: s };
    lab = fire(advance(lab, 13_000), 21);
    expect(lab.shots.filter((x) => x.nginx.allowed)).toHaveLength(21);
  });
});
