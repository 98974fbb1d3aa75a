// Pure helpers for the quiz UI: what the candidate has entered so far ("draft") and how it becomes a response.
import type { PublicQuestion, Tolerance } from "@/lib/schemas/question";
import { formatNumber } from "@/lib/core/util/format";

export type Draft =
  | { type: "single"; choiceId: string | null }
  | { type: "multiple"; choiceIds: string[] }
  | { type: "true_false"; value: boolean | null }
  | { type: "numeric"; text: string }
  /** `touched`: moved at least once. The starting order is never the right one, so untouched is unanswered. */
  | { type: "ordering"; order: string[]; touched: boolean }
  | { type: "matching"; matches: Record<string, string> }
  | { type: "short_answer"; text: string };

export function initialDraft(q: PublicQuestion): Draft {
  switch (q.type) {
    case "single":
      return { type: "single", choiceId: null };
    case "multiple":
      return { type: "multiple", choiceIds: [] };
    case "true_false":
      return { type: "true_false", value: null };
    case "numeric":
    case "estimate":
      // An estimate is answered like a numeric question: one number in the stated unit.
      return { type: "numeric", text: "" };
    case "ordering":
      return { type: "ordering", order: q.items.map((i) => i.id), touched: false };
    case "matching":
      return { type: "matching", matches: {} };
    case "short_answer":
      return { type: "short_answer", text: "" };
  }
}

/** The draft that shows a committed response again (after a reload); unreadable responses start blank. */
export function draftFromResponse(q: PublicQuestion, response: unknown): Draft {
  const r = (response ?? {}) as Record<string, unknown>;
  const blank = initialDraft(q);
  switch (blank.type) {
    case "single":
      return typeof r.choiceId === "string" ? { type: "single", choiceId: r.choiceId } : blank;
    case "multiple":
      return Array.isArray(r.choiceIds) ? { type: "multiple", choiceIds: r.choiceIds.filter((x): x is string => typeof x === "string") } : blank;
    case "true_false":
      return typeof r.value === "boolean" ? { type: "true_false", value: r.value } : blank;
    case "numeric":
      return typeof r.value === "number" ? { type: "numeric", text: String(r.value) } : blank;
    case "ordering":
      return Array.isArray(r.order) ? { type: "ordering", order: r.order.filter((x): x is string => typeof x === "string"), touched: true } : blank;
    case "matching":
      return r.matches && typeof r.matches === "object"
        ? { type: "matching", matches: Object.fromEntries(Object.entries(r.matches).filter((e): e is [string, string] => typeof e[1] === "string")) }
        : blank;
    case "short_answer":
      return typeof r.text === "string" ? { type: "short_answer", text: r.text } : blank;
  }
}

/**
 * What is still blank in a draft, or null when it is a full answer: an unticked multiple choice, an ordering
 * never moved and a matching with items left unmatched are flagged before submission, never sent silently.
 * `leftCount` is how many items a matching question has.
 */
export function blankReason(draft: Draft, leftCount = 0): string | null {
  switch (draft.type) {
    case "multiple":
      return draft.choiceIds.length > 0 ? null : "no option is ticked";
    case "ordering":
      return draft.touched ? null : "the items have not been put in order";
    case "matching": {
      const missing = leftCount - Object.keys(draft.matches).length;
      return missing <= 0 ? null : missing === leftCount ? "nothing is matched" : `${missing} item${missing === 1 ? " is" : "s are"} not matched`;
    }
    default: {
      const r = draftToResponse(draft);
      return r.ok ? null : "it has no answer";
    }
  }
}

/**
 * A number as people type it: "1,500" and "1 500" are read as 1500, "1.5e3" works, and anything that is not a
 * finite number is refused rather than guessed at.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, "");
  if (cleaned === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export type DraftCheck = { ok: true; response: unknown } | { ok: false; message: string };

/** The response to send, or why the draft is not an answer yet. Multiple choice with nothing ticked is an answer. */
export function draftToResponse(draft: Draft): DraftCheck {
  switch (draft.type) {
    case "single":
      return draft.choiceId ? { ok: true, response: { choiceId: draft.choiceId } } : { ok: false, message: "Choose an answer." };
    case "multiple":
      return { ok: true, response: { choiceIds: [...draft.choiceIds] } };
    case "true_false":
      return draft.value === null ? { ok: false, message: "Choose true or false." } : { ok: true, response: { value: draft.value } };
    case "numeric": {
      if (draft.text.trim() === "") return { ok: false, message: "Enter a number." };
      const value = parseNumber(draft.text);
      return value === null ? { ok: false, message: `"${draft.text.trim()}" is not a number.` } : { ok: true, response: { value } };
    }
    case "ordering":
      return { ok: true, response: { order: [...draft.order] } };
    case "matching":
      return { ok: true, response: { matches: { ...draft.matches } } };
    case "short_answer":
      return draft.text.trim() === ""
        ? { ok: false, message: "Type an answer." }
        : { ok: true, response: { text: draft.text } };
  }
}

/** Whether the candidate has touched the question enough for it to count as answered in the progress bar. */
export function isAnswered(draft: Draft): boolean {
  switch (draft.type) {
    case "multiple":
      return draft.choiceIds.length > 0;
    case "ordering":
      return draft.touched;
    case "matching":
      return Object.keys(draft.matches).length > 0;
    default:
      return draftToResponse(draft).ok;
  }
}

/** Moves the item at `index` by `delta` places; out-of-range moves return the list unchanged. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item as T);
  return out;
}

// Numbers on the quiz keep up to 6 decimals ("0.125", "1,250"), formatted without Intl: an Intl.NumberFormat built
// when this module loaded made Chromium build its ICU number formatter in the script evaluation of every quiz
// page, whether or not a number was shown (the practice page's toLocaleString cost 21-23 ms of CPU the same way).
const format = (x: number) => formatNumber(x, 6);

/** "within ±5 ms" or "within ±10 % of the right answer", shown next to a numeric input. */
export function describeTolerance(tolerance: Tolerance, unit: string): string {
  if (tolerance.value === 0) return `Exact answer expected, in ${unit}.`;
  if (tolerance.kind === "absolute") return `Answer in ${unit}; anything within ±${format(tolerance.value)} ${unit} of the right value counts.`;
  return `Answer in ${unit}; anything within ±${format(tolerance.value * 100)} % of the right value counts.`;
}

/** Sets a matching choice; picking an option already used elsewhere moves it here (an option fits one item). */
export function setMatch(matches: Record<string, string>, leftId: string, optionId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [l, o] of Object.entries(matches)) if (l !== leftId && o !== optionId) out[l] = o;
  if (optionId !== "") out[leftId] = optionId;
  return out;
}

/** A v4 UUID; crypto.randomUUID is missing outside secure contexts (plain http on a LAN address). */
export function uuid4(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The accepted range under a numeric answer: one value when the tolerance is zero ("accepted: 5,001 ms"). */
export function describeAccepted(min: number, max: number, unit: string): string {
  if (min === max) return `accepted: ${format(min)} ${unit}`;
  return `accepted from ${format(min)} to ${format(max)} ${unit}`;
}

/** A share of the mark as people read it: 0.25 → "25 %", −0.5 → "−50 %" (a real minus sign). */
export function formatPercent(share: number): string {
  const pct = format(Math.abs(share) * 100);
  return `${share < 0 ? "−" : ""}${pct} %`;
}

/** A question's mark: "0.5 of 1 mark", "1 of 1 mark". */
export function describeMark(score: number): string {
  return `${format(Math.round(score * 1000) / 1000)} of 1 mark`;
}
