// One-off, deterministic rebalance of the question bank (issue 13): authors had put the right answer of most
// single-choice questions in slot b, the first option of most multiple-choice questions was right, and most
// true/false statements were false. Ids follow the slot (a, b, c…), so a candidate could bet on "b" without
// reading. This script moves choices (and relabels their ids in the new order) and flips the polarity of a
// hand-picked set of true/false statements, each with a rewritten prompt and feedback so it stays correct.
// It edits the files' text in place (only the spans it changes), so their formatting survives.
//
// Usage: npx tsx scripts/rebalance-questions.ts — run once (2026-12-05); a second run would shuffle again.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32, seededShuffle, seedToUint32 } from "../lib/core/quiz/random";
import { questionFileSchema, type Question } from "../lib/schemas/question";

const dir = join(process.cwd(), "content", "questions");
const letters = "abcdefghijklmnopqrstuvwxyz";

/** Statements rewritten to their true counterpart; feedbackTrue is now the "right" message. */
const FLIPS: Record<string, { prompt: string; feedbackTrue: string; feedbackFalse: string }> = {
  "addressing/ipv6-length": {
    prompt: "True or false: an IPv6 address is 128 bits long, four times the length of a 32-bit IPv4 address.",
    feedbackTrue: "Correct. IPv6 uses 128-bit addresses such as 2001:db8::1, four times the width of IPv4.",
    feedbackFalse:
      "It is true: IPv6 addresses are 128 bits. (Many IPv6 subnets use a /64 prefix, which may be where a smaller figure comes from.)",
  },
  "addressing/prefix-size": {
    prompt: "True or false: a /16 block contains more addresses than a /24 block.",
    feedbackTrue: "Right. Fewer network bits means more host bits, so a /16 is the much bigger block.",
    feedbackFalse:
      "It is true: the smaller the number after the slash, the bigger the block. A /16 holds 256 times as many addresses as a /24.",
  },
  "caching/cdn-api-responses": {
    prompt:
      "True or false: a CDN can cache API responses as well as static files such as images and scripts, as long as the response headers allow shared caching.",
    feedbackTrue:
      "Correct. If an API response is the same for everyone and its Cache-Control headers permit shared caching, the edge can store and serve it.",
    feedbackFalse:
      "It is true. Static files are the most common CDN content, but a CDN will cache any response whose headers allow it, including JSON from an API.",
  },
  "dns/lookup-thread-pool": {
    prompt:
      "True or false: a slow `dns.lookup` call in Node.js does not freeze the event loop, but it does occupy one of libuv's few worker threads until it returns.",
    feedbackTrue: "Right. The event loop keeps running, but slow lookups tie up the small libuv thread pool (4 threads by default).",
    feedbackFalse:
      "It is true: the blocking part runs on a libuv worker thread, not on the event loop. The danger is starving the 4-thread pool, which also serves file I/O.",
  },
  "http-semantics/patch-idempotent": {
    prompt: "True or false: unlike PUT, PATCH is not guaranteed to be idempotent, so clients and proxies should not retry it blindly.",
    feedbackTrue: "Correct. PATCH is not guaranteed idempotent; it depends on the operation, so do not retry it blindly.",
    feedbackFalse: "It is true. PATCH carries instructions, and some instructions (increment, append) change the result every time they run.",
  },
  "http-semantics/no-cache-meaning": {
    prompt:
      "True or false: `Cache-Control: no-cache` lets browsers and proxies store the response, but they must check with the server before each reuse.",
    feedbackTrue: "Right: no-cache means store but revalidate; no-store means never store.",
    feedbackFalse:
      "It is true. Forbidding storage is `no-store`; `no-cache` lets caches keep the response but makes them revalidate it before every reuse.",
  },
  "latency/more-bandwidth-small-call": {
    prompt:
      "True or false: upgrading from 100 Mbps to 1 Gbps will barely change how long a 10 KB API call takes over a path with 100 ms of latency.",
    feedbackTrue: "Correct. Transmission drops from about 0.8 ms to 0.08 ms, which disappears next to the 100 ms of latency.",
    feedbackFalse: "It is true. More bandwidth shortens only the transmission part, which for 10 KB is already under a millisecond.",
  },
  "tcp-connections/time-wait-side": {
    prompt: "True or false: the TIME_WAIT state lands on whichever side closes the connection first, so a server can collect it too.",
    feedbackTrue: "Right. Whichever side closes first waits in TIME_WAIT, client or server.",
    feedbackFalse:
      "It is true: TIME_WAIT lands on the side that sends the first FIN. A server that closes connections actively can pile up TIME_WAIT entries.",
  },
  "tcp-connections/checksum-failure": {
    prompt:
      "True or false: when a TCP segment fails its checksum, the receiver drops it without telling the application, and the sender's retransmission fills the gap.",
    feedbackTrue: "Right. Recovery happens inside TCP: drop, no ACK, retransmit.",
    feedbackFalse: "It is true: the application never hears about it. TCP silently discards the segment and the missing ACK makes the sender resend.",
  },
  "udp-quic-realtime/frames-not-headers": {
    prompt: "True or false: after the upgrade, WebSocket messages travel as small frames without any HTTP headers.",
    feedbackTrue: "Right. Frames carry a few bytes of framing, not HTTP headers.",
    feedbackFalse: "It is true: HTTP is only used for the opening handshake. Afterwards, only small WebSocket frames cross the connection.",
  },
};

/** End index (exclusive) of the JSON value that starts at `start`, skipping over strings. */
function valueEnd(text: string, start: number): number {
  if (text[start] === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return i + 1;
    }
    throw new Error(`unterminated string at ${start}`);
  }
  if (text[start] !== "{" && text[start] !== "[") {
    let i = start;
    while (i < text.length && !/[\s,}\]]/.test(text[i] as string)) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') i = valueEnd(text, i) - 1;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced value at ${start}`);
}

/** [start, end) of the value of `key` inside the question object whose id is `id`. */
function fieldSpan(text: string, id: string, key: string): [number, number] {
  const at = text.indexOf(`"id": ${JSON.stringify(id)}`);
  if (at < 0) throw new Error(`question ${id} not found`);
  const objStart = text.lastIndexOf("{", at);
  const objEnd = valueEnd(text, objStart);
  const keyAt = text.indexOf(`"${key}":`, objStart);
  if (keyAt < 0 || keyAt > objEnd) throw new Error(`${id}: no field ${key}`);
  let v = keyAt + key.length + 3;
  while (/\s/.test(text[v] ?? "")) v++;
  return [v, valueEnd(text, v)];
}

/** The element spans of the array that starts at `start`. */
function elementSpans(text: string, start: number): [number, number][] {
  const out: [number, number][] = [];
  let i = start + 1;
  for (;;) {
    while (/[\s,]/.test(text[i] ?? "")) i++;
    if (text[i] === "]") return out;
    const end = valueEnd(text, i);
    out.push([i, end]);
    i = end;
  }
}

function replaceSpan(text: string, [s, e]: [number, number], value: string): string {
  return text.slice(0, s) + value + text.slice(e);
}

/** Reorders a question's choices to `order` (indices into the authored list) and relabels ids a, b, c…. */
function reorderChoices(text: string, id: string, order: number[]): string {
  const [s] = fieldSpan(text, id, "choices");
  const spans = elementSpans(text, s);
  const bodies = order.map((from, to) =>
    text.slice(...(spans[from] as [number, number])).replace(/^\{(\s*)"id":\s*"[^"]*"/, `{$1"id": "${letters[to]}"`),
  );
  let out = text;
  for (let k = spans.length - 1; k >= 0; k--) out = replaceSpan(out, spans[k] as [number, number], bodies[k] as string);
  return out;
}

type Counts = number[];
/** How far the per-slot counts of right answers are from each slot's fair share of them. */
function imbalance(right: Counts, offered: Counts): number {
  const rate = right.reduce((s, n) => s + n, 0) / Math.max(1, offered.reduce((s, n) => s + n, 0));
  return right.reduce((s, n, i) => s + (n - rate * (offered[i] as number)) ** 2, 0);
}

function main() {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const single: Counts = [0, 0, 0, 0, 0, 0];
  const multiple: Counts = [0, 0, 0, 0, 0, 0];
  const offered: Counts = [0, 0, 0, 0, 0, 0];
  let changed = 0;
  for (const file of files) {
    const path = join(dir, file);
    let text = readFileSync(path, "utf8");
    const bank: Question[] = questionFileSchema.parse(JSON.parse(text));
    for (const q of bank) {
      if (q.type === "single") {
        const n = q.choices.length;
        const right = q.choices.findIndex((c) => c.correct);
        // The least used slot so far, ties broken by a per-question seeded draw.
        const rng = mulberry32(seedToUint32(`rebalance|${q.id}`));
        const slots = [...Array(n).keys()].map((p) => ({ p, key: (single[p] as number) + rng() * 0.5 }));
        const target = slots.sort((a, b) => a.key - b.key)[0]?.p as number;
        const others = seededShuffle(
          [...Array(n).keys()].filter((i) => i !== right),
          `rebalance|${q.id}|others`,
        );
        const order = [...others.slice(0, target), right, ...others.slice(target)];
        single[target] = (single[target] as number) + 1;
        if (order.some((from, to) => from !== to)) {
          text = reorderChoices(text, q.id, order);
          changed++;
        }
      } else if (q.type === "multiple") {
        // Of twenty seeded permutations, the one that keeps the running per-slot counts flattest.
        let best: number[] = [];
        let bestScore = Infinity;
        q.choices.forEach((_, i) => (offered[i] = (offered[i] as number) + 1));
        for (let k = 0; k < 20; k++) {
          const order = seededShuffle([...q.choices.keys()], `rebalance|${q.id}|${k}`);
          const trial = [...multiple];
          order.forEach((from, to) => {
            if (q.choices[from]?.correct) trial[to] = (trial[to] as number) + 1;
          });
          if (imbalance(trial, offered) < bestScore) {
            bestScore = imbalance(trial, offered);
            best = order;
          }
        }
        best.forEach((from, to) => {
          if (q.choices[from]?.correct) multiple[to] = (multiple[to] as number) + 1;
        });
        text = reorderChoices(text, q.id, best);
        changed++;
      } else if (q.type === "true_false" && FLIPS[q.id] && q.answer === false) {
        const flip = FLIPS[q.id] as (typeof FLIPS)[string];
        // Order matters: each replacement shifts later offsets, so re-find every span.
        text = replaceSpan(text, fieldSpan(text, q.id, "prompt"), JSON.stringify(flip.prompt));
        text = replaceSpan(text, fieldSpan(text, q.id, "answer"), "true");
        text = replaceSpan(text, fieldSpan(text, q.id, "feedbackTrue"), JSON.stringify(flip.feedbackTrue));
        text = replaceSpan(text, fieldSpan(text, q.id, "feedbackFalse"), JSON.stringify(flip.feedbackFalse));
        changed++;
      }
    }
    // The edited text must still be a valid bank with the same questions.
    const after = questionFileSchema.parse(JSON.parse(text));
    if (after.length !== bank.length) throw new Error(`${file}: question count changed`);
    writeFileSync(path, text);
  }
  console.log(`rebalanced ${changed} questions; single-choice right answers per slot a–f: ${single.join(", ")}`);
  console.log(`multiple-choice right answers per slot a–f: ${multiple.join(", ")}`);
}

main();
