import { randomUUID } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter (method 1: ids made in one millisecond
 * by this process sort in the order they were made), then 62 random bits. Rows written on every submission (review
 * logs, attempts and their answers) are keyed by these, so each new key goes to the right-hand edge of its B-tree
 * instead of a random leaf: a random key dirties a different page per row, and after each checkpoint the first
 * change to a page writes the whole page to the WAL.
 *
 * The random bits come from randomUUID (Node hands those out of a pre-filled entropy buffer): a v4 UUID's variant
 * bits are v7's too, so only its first 16 hex digits are replaced.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Starts in the counter's lower half, so a burst within the millisecond has room to count up.
    counter = Math.floor(Math.random() * 0x800);
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond (or the clock went back): borrow the next millisecond, keeping the order.
    lastMs += 1;
    counter = 0;
  }
  const ms = lastMs.toString(16).padStart(12, "0");
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${counter.toString(16).padStart(3, "0")}${randomUUID().slice(18)}`;
}
