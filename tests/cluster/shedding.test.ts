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

/** Opens a quiz submission whose declared body never arrives in full: the route waits on it, holding its slot. */
function holdSlot(base: string, cookie: string): net.Socket {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  socket.on("error", () => {});
  socket.write(
    `POST /api/quiz/attempts HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncookie: ${cookie}\r\ncontent-length: 1000\r\n\r\n{"idempotencyKey":`,
  );
  return socket;
}

const storedWith = async (key: string) =>
  Number((await queryRows<{ n: string }>(h.url, "SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key = $1", [key]))[0]?.n);

it("past its bound an instance answers 503 with Retry-After at once, stores nothing, keeps /api/health up, and takes work again once the slot's client leaves", async () => {
  const base = h.cluster.instances[0]!.url;
  const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
  const submissions = await dealSubmissions(h.url, "candidate@roundtrip.dev", await questionPool(h.url), 2);
  const holder = holdSlot(base, cookie);

  // Waits for the holder to be in flight: until then a probe is served (200); from then on it is shed.
  let probe: Response;
  do probe = await fetch(`${base}/api/auth/session`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
  while (probe.status !== 503);
  expect(probe.headers.get("retry-after")).toBe("1");
  expect(((await probe.json()) as { error: { message: string } }).error.message).toMatch(/busy/);

  const refusedKey = randomUUID();
  const refused = await fetch(`${base}/api/quiz/attempts`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: submissions(0, refusedKey),
    signal: AbortSignal.timeout(60_000),
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("1");
  const page = await fetch(`${base}/dashboard`, { headers: { cookie, accept: "text/html" }, signal: AbortSignal.timeout(60_000) });
  expect(page.status).toBe(503);
  expect(await page.text()).toMatch(/Roundtrip is busy right now/);
  const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(60_000) });
  expect(health.status).toBe(200);

  // The holder's client leaves: its slot comes back, and a client honouring Retry-After gets its submission in.
  holder.destroy();
  const key = randomUUID();
  const sent = await submitWithRetries(`${base}/api/quiz/attempts`, cookie, submissions(1, key), key, 60_000);
  expect(sent.status).toBe(201);
  expect(await storedWith(key)).toBe(1);
  expect(await storedWith(refusedKey)).toBe(0);
});
