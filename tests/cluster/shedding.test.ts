// Load shedding on the real server (server.mjs in front of Next, real Postgres), with the smallest bound: one
// request in flight, none queued. A POST whose body never finishes holds the one slot (the route is reading it),
// so "busy" is a state the test controls rather than a race it hopes to win.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dealSubmissions, questionPool, submitWithRetries } from "../../scripts/lib/faults.ts";
import { signIn } from "../../scripts/lib/http-session.ts";
import { queryRows, startHarness, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ instances: 1, env: { SHED_MAX_IN_FLIGHT: "1", SHED_MAX_QUEUE: "0" } });
});
afterAll(async () => {
  await h?.drop();
});

/**
 * Opens a quiz submission whose declared body never arrives in full, so the route waits on it, holding the one
 * slot; `answer()` is whatever the server sent it (nothing while it holds).
 */
function holdSlot(base: string, cookie: string): { socket: net.Socket; answer: () => string } {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  let answered = "";
  socket.on("error", () => {});
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => (answered += d));
  socket.write(
    `POST /api/quiz/attempts HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncookie: ${cookie}\r\ncontent-length: 1000\r\n\r\n{"idempotencyKey":`,
  );
  return { socket, answer: () => answered };
}

/**
 * Holds the slot, then waits until probes are shed while the holder has no answer. A holder that arrived while a
 * probe still had the slot is itself shed (it gets the 503): it is replaced and the wait starts again.
 */
async function holdTheSlot(base: string, cookie: string) {
  for (;;) {
    const holder = holdSlot(base, cookie);
    let probe: Response;
    // Two sheds in a row: a single one can also be the previous probe's slot, given back a moment after its answer.
    let shedInARow = 0;
    do {
      probe = await fetch(`${base}/api/auth/session`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
      await probe.arrayBuffer();
      shedInARow = probe.status === 503 ? shedInARow + 1 : 0;
    } while (shedInARow < 2 && holder.answer() === "");
    if (holder.answer() === "") return { holder, probe };
    holder.socket.destroy();
  }
}

const storedWith = async (key: string) =>
  Number((await queryRows<{ n: string }>(h.url, "SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key = $1", [key]))[0]?.n);

it("past its bound an instance answers 503 with Retry-After at once, stores nothing, keeps /api/health up, and takes work again once the slot's client leaves", async () => {
  const base = h.cluster.instances[0]!.url;
  const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
  const submissions = await dealSubmissions(h.url, "candidate@roundtrip.dev", await questionPool(h.url), 2);
  const { holder, probe } = await holdTheSlot(base, cookie);
  expect(probe.headers.get("retry-after")).toBe("1");

  const refusedKey = randomUUID();
  const refused = await fetch(`${base}/api/quiz/attempts`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: submissions(0, refusedKey),
    signal: AbortSignal.timeout(60_000),
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("1");
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/busy.*nothing was saved/);
  const page = await fetch(`${base}/dashboard`, { headers: { cookie, accept: "text/html" }, signal: AbortSignal.timeout(60_000) });
  expect(page.status).toBe(503);
  expect(await page.text()).toMatch(/Roundtrip is busy right now/);
  const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(60_000) });
  expect(health.status).toBe(200);

  // The holder's client leaves: its slot comes back, and a client honouring Retry-After gets its submission in.
  expect(holder.answer()).toBe("");
  holder.socket.destroy();
  const key = randomUUID();
  const sent = await submitWithRetries(`${base}/api/quiz/attempts`, cookie, submissions(1, key), key, 60_000);
  expect(sent.status).toBe(201);
  expect(await storedWith(key)).toBe(1);
  expect(await storedWith(refusedKey)).toBe(0);
});
