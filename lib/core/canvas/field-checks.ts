// What the design format accepts for one field, as plain data: the properties panel checks a value the user typed
// against it without zod in the page's script (zod alone was 28 KiB compressed of the practice page's first load).
// The checks are read from the zod schema by field-schema.ts and written into field-table.ts; a unit test holds
// both the table and the messages below equal to zod's. The server still validates every save with zod: this is
// only the editor's immediate feedback.

type Rule =
  | { rule: "min" | "max"; value: number; inclusive: boolean }
  /** An integer (zod's safeint). */
  | { rule: "int" }
  | { rule: "minLength" | "maxLength"; value: number }
  | { rule: "pattern"; source: string; message: string }
  /** The format's one refinement: an IPv4 CIDR's octets and prefix in range (firewallSourceSchema). */
  | { rule: "cidr"; message: string };

export type Check =
  | { type: "number"; rules: Rule[] }
  | { type: "string"; rules: Rule[] }
  | { type: "boolean" }
  | { type: "enum"; values: (string | number)[] }
  | { type: "union"; options: Check[] }
  | { type: "array"; item: Check; rules: Rule[] }
  | { type: "object"; shape: { key: string; check: Check; optional: boolean }[] };

/** One problem with a value; `aborted` as zod marks it (a wrong type stops the checks after it). */
type Issue = { message: string; aborted: boolean };

function received(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : "Infinity";
  return typeof v;
}
const wrongType = (expected: string, v: unknown): Issue[] => [{ message: `Invalid input: expected ${expected}, received ${received(v)}`, aborted: true }];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

// zod's English messages, word for word, so the panel says what it said before.
function ruleIssue(r: Rule, v: number | string | unknown[], noun: string): Issue | null {
  const size = typeof v === "number" ? v : v.length;
  const unit = noun === "string" ? " characters" : noun === "array" ? " items" : "";
  const bound = (min: boolean, value: number, inclusive: boolean) =>
    `Too ${min ? "small" : "big"}: expected ${noun} to ${noun === "number" ? "be" : "have"} ${min ? ">" : "<"}${inclusive ? "=" : ""}${value}${unit}`;
  switch (r.rule) {
    case "min":
      return (r.inclusive ? size >= r.value : size > r.value) ? null : { message: bound(true, r.value, r.inclusive), aborted: false };
    case "max":
      return (r.inclusive ? size <= r.value : size < r.value) ? null : { message: bound(false, r.value, r.inclusive), aborted: false };
    case "minLength":
      return size >= r.value ? null : { message: bound(true, r.value, true), aborted: false };
    case "maxLength":
      return size <= r.value ? null : { message: bound(false, r.value, true), aborted: false };
    case "int":
      if (!Number.isInteger(v)) return { message: "Invalid input: expected int, received number", aborted: true };
      if (size > Number.MAX_SAFE_INTEGER) return { message: `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`, aborted: false };
      if (size < Number.MIN_SAFE_INTEGER) return { message: `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`, aborted: false };
      return null;
    case "pattern":
      return typeof v === "string" && new RegExp(r.source).test(v) ? null : { message: r.message, aborted: false };
    case "cidr": {
      const m = typeof v === "string" ? CIDR.exec(v) : null;
      const ok = m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
      return ok ? null : { message: r.message, aborted: false };
    }
  }
}

function runRules(rules: Rule[], v: number | string | unknown[], noun: string): Issue[] {
  const issues: Issue[] = [];
  for (const r of rules) {
    const issue = ruleIssue(r, v, noun);
    if (!issue) continue;
    issues.push(issue);
    if (issue.aborted) break;
  }
  return issues;
}

function issuesOf(check: Check, v: unknown): Issue[] {
  switch (check.type) {
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? runRules(check.rules, v, "number") : wrongType("number", v);
    case "string":
      return typeof v === "string" ? runRules(check.rules, v, "string") : wrongType("string", v);
    case "boolean":
      return typeof v === "boolean" ? [] : wrongType("boolean", v);
    case "enum":
      return check.values.includes(v as string | number)
        ? []
        : [{ message: `Invalid option: expected one of ${check.values.map((x) => JSON.stringify(x)).join("|")}`, aborted: true }];
    case "array": {
      if (!Array.isArray(v)) return wrongType("array", v);
      return [...v.flatMap((item) => issuesOf(check.item, item)), ...runRules(check.rules, v, "array")];
    }
    case "object": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return wrongType("object", v);
      const record = v as Record<string, unknown>;
      return check.shape.flatMap((f) => (f.optional && record[f.key] === undefined ? [] : issuesOf(f.check, record[f.key])));
    }
    case "union": {
      // As zod: valid when one option accepts the value; else the problems of the one option whose type fitted,
      // or "Invalid input" when none or several did.
      const results = check.options.map((o) => issuesOf(o, v));
      if (results.some((r) => r.length === 0)) return [];
      const fitted = results.filter((r) => !r.some((i) => i.aborted));
      return fitted.length === 1 ? fitted[0]! : [{ message: "Invalid input", aborted: true }];
    }
  }
}

/** The first problem with a value as zod words it, or null when the format accepts it. */
export function checkValue(check: Check, value: unknown): string | null {
  return issuesOf(check, value)[0]?.message ?? null;
}
