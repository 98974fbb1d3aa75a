import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectWidgetAccessible } from "./audit-helpers";

// Each suggested widget (W16–W25 built so far) on the chapter page that carries its marker: scroll it into
// view, wait for the interactive version, drive it with the keyboard only, check what the learner sees, and
// run axe on the widget.

async function openWidget(page: Page, chapter: string, id: string): Promise<Locator> {
  await page.goto(`/learn/${chapter}`);
  const slot = page.locator(`section[data-widget="${id}"]`);
  // Before scripts swap it, the server-rendered state is already readable.
  await expect(slot.locator('[data-widget-state="static"], [data-widget-state="interactive"]')).toBeVisible();
  await slot.scrollIntoViewIfNeeded();
  await expect(slot.locator('[data-widget-state="interactive"]')).toBeVisible();
  return slot;
}

test("W20 latency budget: 370 ms cold, 470 with TLS 1.2, 270 with HTTP/3, 120 warm", async ({ page }) => {
  const w = await openWidget(page, "latency", "W20");
  const status = w.getByRole("status");
  await expect(status).toContainText("First byte after 370 ms");
  await w.getByLabel("TLS version").focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toContainText("First byte after 470 ms");
  await page.keyboard.press("ArrowUp");
  await w.getByLabel("HTTP/3 (QUIC)").focus();
  await page.keyboard.press("Space");
  await expect(status).toContainText("First byte after 270 ms");
  await page.keyboard.press("Space");
  await w.getByLabel("Reuse an open connection (keep-alive)").focus();
  await page.keyboard.press("Space");
  await expect(status).toContainText("First byte after 120 ms");
  await expectWidgetAccessible(page, "W20");
});

test("W21 tail latency: 50 calls at p99 → 39.5 %, fewer calls → lower odds", async ({ page }) => {
  const w = await openWidget(page, "latency", "W21");
  const status = w.getByRole("status");
  await expect(status).toContainText("50 calls at p99: 39.5 %");
  await w.getByLabel("Calls per page").focus();
  await page.keyboard.press("Home");
  await expect(status).toContainText("1 call at p99: 1.0 %");
  await page.keyboard.press("End");
  await expect(status).toContainText("200 calls at p99: 86.6 %");
  await w.getByLabel("Slow means slower than").focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toContainText("200 calls at p99.9: 18.1 %");
  await expectWidgetAccessible(page, "W21");
});

test("W19 CIDR router: block sizes and the longest prefix wins", async ({ page }) => {
  const w = await openWidget(page, "addressing", "W19");
  const status = w.getByRole("status");
  await expect(status).toContainText("10.0.0.0/16: 65,536 addresses, 65,534 usable hosts, private range.");
  await expect(status).toContainText("10.0.3.20 → Database host, pinned (10.0.3.20/32).");
  const block = w.getByLabel("CIDR block");
  await block.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("192.168.1.0/24");
  await expect(status).toContainText("192.168.1.0/24: 256 addresses, 254 usable hosts, private range.");
  await w.getByLabel("Destination IP").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("10.0.3.99");
  await expect(status).toContainText("10.0.3.99 → Data subnet route table (10.0.3.0/24).");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("198.51.100.7");
  await expect(status).toContainText("198.51.100.7 → Internet gateway (default route) (0.0.0.0/0).");
  await w.getByLabel("New route: block").focus();
  await page.keyboard.type("198.51.100.0/24");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Partner VPN");
  await page.keyboard.press("Enter");
  await expect(status).toContainText("198.51.100.7 → Partner VPN (198.51.100.0/24).");
  await expectWidgetAccessible(page, "W19");
});

test("W16 slow start: doubling to 80; CUBIC (the default) cuts to 0.7 on three duplicate ACKs, Reno halves", async ({ page }) => {
  const w = await openWidget(page, "tcp-performance", "W16");
  const status = w.getByRole("status");
  await expect(status).toContainText("CUBIC: after 12 round trips (1,200 ms) cwnd is 89 segments.");
  await w.getByRole("button", { name: "Inject 3 duplicate ACKs" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("CUBIC, round 5 (500 ms): three duplicate ACKs: CUBIC cuts the window to 0.7");
  await expect(status).toContainText("cwnd 56 segments, ssthresh 56");
  await expect(status).toContainText("cwnd is 67 segments");
  // Reno on the same loss: half of 81.
  await w.getByLabel("Congestion control").focus();
  await page.keyboard.press("ArrowDown");
  await expect(w.getByLabel("Congestion control").locator("option:checked")).toHaveText("Reno: halve on loss");
  await w.getByRole("button", { name: "Inject 3 duplicate ACKs" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("cwnd 40 segments, ssthresh 40");
  await expect(status).toContainText("Reno: after 12 round trips (1,200 ms) cwnd is 47 segments.");
  await w.getByRole("button", { name: "Inject a timeout" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("cwnd 1 segment,");
  await expectWidgetAccessible(page, "W16");
});

test("W17 Nagle: a ~200 ms stall that TCP_NODELAY removes", async ({ page }) => {
  const w = await openWidget(page, "tcp-performance", "W17");
  const status = w.getByRole("status");
  await w.getByRole("button", { name: "Next step" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Step 2 of");
  await w.getByRole("button", { name: "Show all steps" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Reply back after 240 ms.");
  await w.getByLabel("TCP_NODELAY (turn Nagle off)").focus();
  await page.keyboard.press("Space");
  await w.getByRole("button", { name: "Show all steps" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Reply back after 21 ms.");
  await expectWidgetAccessible(page, "W17");
});

test("W18 HTTP race: a network switch costs HTTP/2 a reconnect, HTTP/3 nothing", async ({ page }) => {
  const w = await openWidget(page, "http-versions", "W18");
  const status = w.getByRole("status");
  await expect(status).toContainText("HTTP/2 done at 400 ms; HTTP/3 done at 300 ms");
  await w.getByLabel("Switch networks (Wi-Fi to mobile) at").focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(status).toContainText("HTTP/2 done at 650 ms; HTTP/3 done at 300 ms");
  await w.getByLabel("Lose a packet of").focus();
  await page.keyboard.press("ArrowDown");
  // index.html loses a packet: under HTTP/3 only its own stream waits one more RTT.
  await expect(status).toContainText("HTTP/2 done at 650 ms; HTTP/3 done at 315 ms");
  await expectWidgetAccessible(page, "W18");
});

test("W22 rate limiter: a burst of 30 passes the window, nginx serves 21", async ({ page }) => {
  const w = await openWidget(page, "rate-limiting", "W22");
  const status = w.getByRole("status");
  await w.getByRole("button", { name: "Send a burst" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("sliding window allowed 30 and refused 0; nginx allowed 21 and refused 9");
  await w.getByLabel("Limit", { exact: true }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toContainText("Limit 3 per 10 s");
  await w.getByRole("button", { name: "Send 1 request" }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("Enter");
  await expect(status).toContainText("sliding window 429, 0 remaining");
  await expect(w.getByText("Retry-After: 60")).toBeVisible();
  await expectWidgetAccessible(page, "W22");
});

test("W25 resilience lab: retries duplicate charges until idempotency keys dedupe them", async ({ page }) => {
  const w = await openWidget(page, "distributed-systems", "W25");
  const status = w.getByRole("status");
  await w.getByLabel("Service C is").focus();
  await page.keyboard.press("ArrowDown");
  await w.getByRole("button", { name: "Send a request" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Request 1: deadline exceeded");
  await expect(status).toContainText("duplicate");
  await w.getByLabel("Idempotency keys").focus();
  await page.keyboard.press("Space");
  await w.getByRole("button", { name: "Send a request" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Request 2");
  await expect(status).toContainText("1 charge.");
  await w.getByLabel("Service C is").focus();
  await page.keyboard.press("ArrowDown");
  await w.getByLabel("Circuit breaker on B → C").focus();
  await page.keyboard.press("Space");
  await w.getByRole("button", { name: "Send 5 requests" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Breaker open.");
  await expectWidgetAccessible(page, "W25");
});

test("W23 WebSocket inspector: RFC Accept value, frames, and heartbeats against a 30 s idle timeout", async ({ page }) => {
  const w = await openWidget(page, "udp-quic-realtime", "W23");
  const status = w.getByRole("status");
  await expect(status).toContainText("Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  await w.getByLabel("Sec-WebSocket-Key").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("short");
  await expect(status).toContainText("Accept is now");
  await expect(status).not.toContainText("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  await expect(w.getByText("16 random bytes")).toBeVisible();
  await w.getByRole("button", { name: "Use the RFC example key" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Accept is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  await w.getByRole("button", { name: "Send ping" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("client sent ping: 6-byte header, 0-byte payload, masked. server sent pong: 2-byte header");
  await w.getByRole("button", { name: "Stay idle 2 min" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Dropped silently at 30 s");
  await w.getByRole("button", { name: "Reconnect" }).focus();
  await page.keyboard.press("Enter");
  await w.getByLabel("Heartbeat").focus();
  await page.keyboard.press("ArrowDown");
  await w.getByRole("button", { name: "Stay idle 2 min" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Still open at 120 s after 8 ping and pong pairs.");
  await expectWidgetAccessible(page, "W23");
});

test("W24 DNS failover: everyone moves within 30 s + TTL unless caches ignore it", async ({ page }) => {
  const w = await openWidget(page, "dns", "W24");
  const status = w.getByRole("status");
  await expect(status).toContainText("0 s after the failure: 100 % still on the old address.");
  await w.getByLabel("TTL of the record").focus();
  await page.keyboard.press("ArrowUp");
  await w.getByRole("button", { name: "Jump to the last resolver" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("0 % still on the old address.");
  await expect(w.getByText("30 s (detection) + 60 s (TTL) = 90 s")).toBeVisible();
  await w.getByLabel("Some ISP caches ignore short TTLs").focus();
  await page.keyboard.press("Space");
  await expect(status).toContainText(/Everyone has moved by [\d.]+ min\./);
  await expectWidgetAccessible(page, "W24");
});

test("W26 real-time chooser: SSE for one-way, WebSocket both ways, long polling when blocked", async ({ page }) => {
  const w = await openWidget(page, "udp-quic-realtime", "W26");
  const status = w.getByRole("status");
  await expect(status).toHaveText("Recommended: Server-Sent Events.");
  await w.getByLabel("Server to client only").focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toHaveText("Recommended: WebSocket.");
  await w.getByLabel("A proxy on the path blocks WebSockets").focus();
  await page.keyboard.press("Space");
  await expect(status).toHaveText("Recommended: Long polling.");
  await expect(w.getByText("2,000 req/s")).toBeVisible();
  await expectWidgetAccessible(page, "W26");
});

test("W27 TLS termination: PCI moves the answer to end-to-end; no-plaintext-at-the-CDN conflicts with caching", async ({ page }) => {
  const w = await openWidget(page, "tls", "W27");
  const status = w.getByRole("status");
  await expect(status).toContainText("Edge termination meets 1 of 1 requirement. Simplest fit: Edge termination.");
  await w.getByLabel("PCI DSS: encrypt card data on internal hops").focus();
  await page.keyboard.press("Space");
  await expect(status).toContainText("Edge termination meets 1 of 2 requirements. Simplest fit: End-to-end TLS.");
  await w.getByRole("button", { name: "Switch to End-to-end TLS" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("End-to-end TLS meets 2 of 2 requirements.");
  await w.getByLabel("The CDN must never see plaintext").focus();
  await page.keyboard.press("Space");
  await expect(status).toContainText("No strategy meets them all.");
  await expectWidgetAccessible(page, "W27");
});

test("W28 estimate checker: a close estimate is on target, a forgotten peak factor is named, bad input is refused", async ({ page }) => {
  const w = await openWidget(page, "estimation", "W28");
  const status = w.getByRole("status");
  await expect(status).toContainText("Estimate the average requests per second for this scenario");
  const estimate = w.getByLabel("Your estimate");
  await estimate.focus();
  await page.keyboard.type("2,300");
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Average requests per second: Spot on");
  await expect(w.getByText("Worked value:")).toContainText("2,315 requests per second");

  await w.getByLabel("Figure to estimate").focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toContainText("Estimate the peak requests per second");
  await estimate.focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Peak requests per second: Right order of magnitude, but 2.0 times too low");
  await expect(w.getByText(/The peak factor \(× 2\) looks forgotten/)).toBeVisible();

  await estimate.fill("lots");
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Type your estimate as a positive number");
  await expect(estimate).toHaveAttribute("aria-invalid", "true");
  await expectWidgetAccessible(page, "W28");
});

test("every extra widget fits a 375 px phone screen without sideways scrolling", async ({ page }) => {
  // Thirteen chapter pages in one test: on a busy machine that outlasts the default 60 s.
  test.slow();
  await page.setViewportSize({ width: 375, height: 800 });
  const where: [string, string][] = [
    ["W16", "tcp-performance"],
    ["W17", "tcp-performance"],
    ["W18", "http-versions"],
    ["W19", "addressing"],
    ["W20", "latency"],
    ["W21", "latency"],
    ["W22", "rate-limiting"],
    ["W23", "udp-quic-realtime"],
    ["W24", "dns"],
    ["W25", "distributed-systems"],
    ["W26", "udp-quic-realtime"],
    ["W27", "tls"],
    ["W28", "estimation"],
  ];
  for (const [id, chapter] of where) {
    const slot = await openWidget(page, chapter, id);
    const overflow = await slot.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `${id} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
  }
});
