import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectWidgetAccessible } from "./audit-helpers";

// Each widget is opened in the chapter that mounts it, scrolled into view (which loads the interactive
// version), driven with the keyboard only, and checked for what the learner sees and for serious a11y issues.

async function openWidget(page: Page, chapter: string, id: string): Promise<Locator> {
  await page.goto(`/learn/${chapter}`);
  const slot = page.locator(`[data-widget="${id}"]`).first();
  await slot.scrollIntoViewIfNeeded();
  await expect(slot.locator('[data-widget-state="interactive"]')).toBeVisible();
  return slot;
}

async function press(target: Locator, key = "Enter"): Promise<void> {
  await target.focus();
  await target.press(key);
}

/** Picks an option of a native select with arrow keys only. */
async function choose(select: Locator, label: string): Promise<void> {
  await select.focus();
  const labels = await select.locator("option").allTextContents();
  const target = labels.findIndex((l) => l.trim() === label);
  expect(target, `option ${label}`).toBeGreaterThanOrEqual(0);
  const current = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  const key = target > current ? "ArrowDown" : "ArrowUp";
  for (let i = 0; i < Math.abs(target - current); i++) await select.press(key);
  await expect(select.locator("option:checked")).toHaveText(label);
}

async function typeNumber(input: Locator, value: number): Promise<void> {
  await input.focus();
  await input.press("ControlOrMeta+a");
  await input.pressSequentially(String(value));
}

test("W1: selecting TLS in OSI keeps Application selected in TCP/IP, and encapsulation steps down", async ({ page }) => {
  const w = await openWidget(page, "big-picture", "W1");
  await press(w.getByRole("button", { name: /Presentation/ }));
  await expect(w.getByRole("status")).toContainText("L6 Presentation");
  await press(w.getByRole("button", { name: "TCP/IP (4 layers)" }));
  await expect(w.getByRole("button", { name: /OSI 7\/6\/5/ })).toHaveAttribute("aria-pressed", "true");
  await press(w.getByRole("button", { name: "Send a request" }));
  await expect(w.getByRole("status")).toContainText("Sender L7 Application");
  const next = w.getByRole("button", { name: "Next layer" });
  for (let i = 0; i < 3; i++) await press(next);
  await expect(w.getByRole("status")).toContainText("Sender L4 Transport");
  await expect(w.getByLabel("The packet at this step")).toContainText("TCP header");
  await expectWidgetAccessible(page, "W1", ["light", "dark"]);
});

test("W2: with loss, TCP ends complete and in order while UDP shows gaps; the game keeps #43", async ({ page }) => {
  const w = await openWidget(page, "udp-quic-realtime", "W2");
  // It opens on a scenario both protocols carry: no lane starts out unavailable.
  await expect(w.getByLabel("Scenario").locator("option:checked")).toHaveText("Online game");
  await expect(w.getByTestId("w2-udp-recv")).toHaveText("RECV: Waiting…");
  await press(w.getByRole("button", { name: "Send" }));
  await expect(w.getByRole("status")).toContainText("TCP: complete and in order");
  await expect(w.getByTestId("w2-tcp-recv").locator("li")).toHaveCount(6);
  await expect(w.getByRole("status")).toContainText("lost");
  const udpRows = await w.getByTestId("w2-udp-recv").locator("li").count();
  expect(udpRows).toBeLessThan(6);
  await choose(w.getByLabel("Scenario"), "REST API call");
  await expect(w.getByTestId("w2-udp-recv")).toContainText("UDP is not an option for “REST API call”");
  await expectWidgetAccessible(page, "W2");
});

test("W3: the handshake reaches ESTABLISHED after 1 RTT and TIME_WAIT lands on the closer", async ({ page }) => {
  const w = await openWidget(page, "tcp-connections", "W3");
  const next = w.getByRole("button", { name: "Next" });
  for (let i = 0; i < 3; i++) await press(next);
  await expect(w.getByTestId("w3-counter")).toContainText("Step 4/10: ACK · setup cost so far 1 RTT");
  await expect(w.getByRole("status")).toContainText("ack = 5000 + 1 = 5001");
  for (let i = 0; i < 5; i++) await press(next);
  await expect(w.getByRole("status")).toContainText("Client acknowledges the last FIN and enters TIME_WAIT");
  await expect(w.getByText("TIME_WAIT", { exact: true })).toBeVisible();
  await expectWidgetAccessible(page, "W3");
});

test("W4: a cold lookup walks the chain; the repeat within the TTL never leaves the browser", async ({ page }) => {
  const w = await openWidget(page, "dns", "W4");
  await press(w.getByRole("button", { name: "Resolve" }));
  await press(w.getByRole("button", { name: "Show the whole walk" }));
  await expect(w.getByRole("status")).toContainText("Answered by the authoritative");
  await expect(w.getByTestId("w4-caches")).toContainText("300 s left");
  await press(w.getByRole("button", { name: "Time passes: +60 s" }));
  await press(w.getByRole("button", { name: "Resolve" }));
  await press(w.getByRole("button", { name: "Show the whole walk" }));
  await expect(w.getByRole("status")).toContainText("Answered by the browser cache");
  await expect(w.getByRole("status")).toContainText("Root, TLD and authoritative were not contacted");
  await expectWidgetAccessible(page, "W4");
});

test("W13: the animation plays by itself and loops from the first visit to the cached repeat visit", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  const w = await openWidget(page, "dns", "W13");
  const status = w.getByTestId("w13-status");
  await expect(w.getByRole("button", { name: "Pause" })).toHaveAttribute("aria-pressed", "true");
  // It moves on its own: the frame changes without a key press (waits on the text, not on a clock).
  const before = await status.textContent();
  await expect(status).not.toHaveText(before ?? "");
  await press(w.getByRole("button", { name: "Pause" }));
  await expect(w.getByRole("button", { name: "Play" })).toBeVisible();
});

test("W13: with reduced motion it waits, and Next frame steps to the repeat visit answered from the browser cache", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const w = await openWidget(page, "dns", "W13");
  const status = w.getByTestId("w13-status");
  await expect(w.getByRole("button", { name: "Play" })).toBeVisible();
  await expect(status).toHaveText("First visit, Lookup A shop.example.com: 0 ms so far.");
  for (let i = 0; i < 9; i++) await press(w.getByRole("button", { name: "Next frame" }));
  await expect(status).toContainText("Repeat visit, Browser cache hit");
  await expect(status).toContainText("0.1 ms so far");
  // Audited here, where nothing moves between the audit's passes.
  await expectWidgetAccessible(page, "W13");
});

test("W5: POST sent twice creates two resources, PUT does not", async ({ page }) => {
  const w = await openWidget(page, "http-semantics", "W5");
  await press(w.getByRole("button", { name: "POST", exact: true }));
  await expect(w.getByTestId("w5-request-line")).toHaveText("POST /api/users HTTP/1.1");
  await expect(w.getByText("NOT IDEMPOTENT")).toBeVisible();
  await press(w.getByRole("button", { name: "Send twice" }));
  await expect(w.getByTestId("w5-store").locator("li")).toHaveCount(3);
  await expect(w.getByRole("status")).toContainText("two resources were created");
  await press(w.getByRole("button", { name: "Reset data" }));
  await press(w.getByRole("button", { name: "PUT", exact: true }));
  await press(w.getByRole("button", { name: "Send twice" }));
  await expect(w.getByTestId("w5-store").locator("li")).toHaveCount(1);
  await expect(w.getByRole("status")).toContainText("same as after one");
  await press(w.getByRole("button", { name: "403 Forbidden" }));
  await expect(w.getByText("Authenticated, but not allowed to do this.")).toBeVisible();
  await expectWidgetAccessible(page, "W5");
});

test("W6: TLS 1.3 sends the request after 2 RTT, 1.2 after 3; a forged certificate fails the chain check", async ({ page }) => {
  const w = await openWidget(page, "tls", "W6");
  const next = w.getByRole("button", { name: "Next message" });
  for (let i = 0; i < 4; i++) await press(next);
  await expect(w.getByRole("status")).toContainText("the request left after 2 RTT in total (TCP 1 + TLS 1)");
  await expect(w.getByTestId("w6-attacker")).not.toContainText("GET /api/orders");
  await choose(w.getByLabel("TLS version"), "TLS 1.2");
  for (let i = 0; i < 6; i++) await press(next);
  await expect(w.getByRole("status")).toContainText("after 3 RTT in total (TCP 1 + TLS 2)");
  await press(w.getByRole("button", { name: "Man in the middle" }));
  await expect(w.getByText(/Handshake aborted at “Chain ends at a trusted root”/)).toBeVisible();
  await press(w.getByRole("button", { name: "Tampering" }));
  await expect(w.getByText(/rejected\. Authentication tag mismatch/)).toBeVisible();
  await expectWidgetAccessible(page, "W6");
});

test("W7: the router rewrites the source; inbound fails without forwarding; keep-alives keep the mapping", async ({ page }) => {
  const w = await openWidget(page, "addressing", "W7");
  await press(w.getByRole("button", { name: "Send packet out" }));
  await expect(w.getByTestId("w7-table")).toContainText("203.0.113.5:40001");
  await press(w.getByRole("button", { name: "Next hop" }));
  await expect(w.getByTestId("w7-packet")).toContainText("src 203.0.113.5:40001");
  await press(w.getByRole("button", { name: "Try to connect from the phone" }));
  await expect(w.getByRole("status")).toContainText("refused");
  await press(w.getByRole("button", { name: "Leave it idle for 60 s" }));
  await expect(w.getByRole("status")).toContainText("The mapping expired at 30 s");
  await choose(w.getByLabel("Keep-alive every"), "15 s");
  await press(w.getByRole("button", { name: "Leave it idle for 60 s" }));
  await expect(w.getByRole("status")).toContainText("the connection survives");
  await expectWidgetAccessible(page, "W7");
});

test("W8: services show their range and re-rolled client ports stay ephemeral", async ({ page }) => {
  const w = await openWidget(page, "addressing", "W8");
  await expect(w.getByTestId("w8-connection")).toHaveText("192.168.1.42:52341 → 198.51.100.34:443 via TCP");
  await choose(w.getByLabel("Connection type"), "PostgreSQL (5432)");
  await expect(w.getByRole("status")).toContainText("port 5432 (registered range)");
  const reroll = w.getByRole("button", { name: "Re-roll client port" });
  for (let i = 0; i < 5; i++) {
    await press(reroll);
    const text = (await w.getByTestId("w8-client-port").textContent()) ?? "";
    const port = Number(text.replace(/\D/g, ""));
    expect(port).toBeGreaterThanOrEqual(49152);
    expect(port).toBeLessThanOrEqual(65535);
  }
  await expectWidgetAccessible(page, "W8");
});

test("W9: round robin gives 3/3/3/3 and weights 3:1:1:1 give 6/2/2/2", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const w = await openWidget(page, "load-balancing", "W9");
  await press(w.getByRole("button", { name: "Play" }));
  for (const s of ["A", "B", "C", "D"]) await expect(w.getByTestId(`w9-count-${s}`)).toHaveText("3");
  await choose(w.getByLabel("Algorithm"), "Weighted round robin");
  await typeNumber(w.getByLabel("Weight", { exact: true }).first(), 3);
  await press(w.getByRole("button", { name: "Play" }));
  await expect(w.getByTestId("w9-count-A")).toHaveText("6");
  for (const s of ["B", "C", "D"]) await expect(w.getByTestId(`w9-count-${s}`)).toHaveText("2");
  await expect(w.getByRole("status")).toContainText("Total 12");
  await expectWidgetAccessible(page, "W9");
});

test("W9: a failing server is removed by passive checks after three failures", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const w = await openWidget(page, "load-balancing", "W9");
  await press(w.getByLabel("Returns 500s").nth(2), "Space");
  await choose(w.getByLabel("Health checks"), "Passive (max_fails=3 fail_timeout=30s)");
  await press(w.getByRole("button", { name: "Play" }));
  await expect(w.getByTestId("w9-log")).toContainText("Failure 3 within 30 s: marked down");
  await expect(w.getByText(/marked down at 10 s, retried at 40 s/)).toBeVisible();
});

test("W10: the first request reaches the database, the next one within the TTL hits the browser", async ({ page }) => {
  const w = await openWidget(page, "caching", "W10");
  const send = w.getByRole("button", { name: "Send request" });
  await press(send);
  await expect(w.getByRole("status")).toContainText("Answered by Database");
  await press(send);
  await expect(w.getByRole("status")).toContainText("Answered by Browser cache");
  await press(w.getByRole("button", { name: "Update the data" }));
  await press(send);
  await expect(w.getByRole("status")).toContainText("STALE");
  await expect(w.getByTestId("w10-hits-db")).toHaveText("1");
  await expectWidgetAccessible(page, "W10");
});

test("W11: ordered rules, first match and default deny", async ({ page }) => {
  const w = await openWidget(page, "edge-security", "W11");
  const port = w.getByLabel("Port");
  await typeNumber(port, 3306);
  await port.press("Enter");
  await expect(w.getByTestId("w11-verdict")).toContainText("DENY default deny");
  await typeNumber(port, 443);
  await port.press("Enter");
  await expect(w.getByTestId("w11-verdict")).toContainText("ALLOW rule 1");
  await press(w.getByLabel("Rule 1 on"), "Space");
  await press(w.getByRole("button", { name: "Test packet" }));
  await expect(w.getByTestId("w11-verdict")).toContainText("DENY default deny");
  await typeNumber(port, 5432);
  await port.press("Enter");
  await expect(w.getByTestId("w11-verdict")).toContainText("DENY default deny");
  await choose(w.getByLabel("Source"), "Internal (app servers)");
  await press(w.getByRole("button", { name: "Test packet" }));
  await expect(w.getByTestId("w11-verdict")).toContainText("ALLOW rule 4");
  await expectWidgetAccessible(page, "W11");
});

test("W12: a missing JWT stops at auth with 401 and leaves no log line", async ({ page }) => {
  const w = await openWidget(page, "edge-security", "W12");
  await press(w.getByRole("button", { name: "Send request" }));
  await expect(w.getByRole("status")).toContainText("201: stopped at the controller");
  await choose(w.getByLabel("JWT", { exact: true }), "Missing");
  await press(w.getByRole("button", { name: "Send request" }));
  await expect(w.getByRole("status")).toContainText("401: stopped at JWT auth");
  await expect(w.getByTestId("w12-log")).toContainText("req-0002: no log line");
  await press(w.getByRole("button", { name: "Move Request logger up" }));
  await press(w.getByRole("button", { name: "Move Request logger up" }));
  await press(w.getByRole("button", { name: "Send request" }));
  await expect(w.getByTestId("w12-log")).toContainText("POST /api/users 401");
  await expectWidgetAccessible(page, "W12");
});

test("W14: killing a backend sends its traffic to the others", async ({ page }) => {
  const w = await openWidget(page, "load-balancing", "W14");
  const one = w.getByRole("button", { name: "Send one request" });
  for (let i = 0; i < 3; i++) await press(one);
  for (const i of [0, 1, 2]) await expect(w.getByTestId(`w14-count-${i}`)).toHaveText("1");
  await press(w.getByRole("button", { name: "Kill App 2" }));
  for (let i = 0; i < 4; i++) await press(one);
  await expect(w.getByTestId("w14-count-1")).toHaveText("1");
  await expect(w.getByTestId("w14-count-0")).toHaveText("3");
  await expect(w.getByTestId("w14-count-2")).toHaveText("3");
  await expectWidgetAccessible(page, "W14");
});

test("every core widget fits a 375 px phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const placements: [string, string[]][] = [
    ["big-picture", ["W1"]],
    ["addressing", ["W7", "W8"]],
    ["tcp-connections", ["W3"]],
    ["udp-quic-realtime", ["W2"]],
    ["dns", ["W4", "W13"]],
    ["http-semantics", ["W5"]],
    ["tls", ["W6"]],
    ["load-balancing", ["W14", "W9"]],
    ["caching", ["W10"]],
    ["edge-security", ["W11", "W12"]],
  ];
  for (const [chapter, ids] of placements) {
    await page.goto(`/learn/${chapter}`);
    for (const id of ids) {
      const slot = page.locator(`[data-widget="${id}"]`).first();
      await slot.scrollIntoViewIfNeeded();
      await expect(slot.locator('[data-widget-state="interactive"]')).toBeVisible();
      const overflow = await slot.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `${id} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
    }
  }
});
