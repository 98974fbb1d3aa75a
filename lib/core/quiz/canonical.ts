// Pure: the seed script (plain tsx, outside Next) compares questions with it too.

/**
 * JSON with object keys sorted at every level, so two values that differ only in key order hash the same.
 * Question files are hand-edited and request bodies come from any client, and neither keeps a stable key order.
 * Built by appending to one string (no entry arrays, comparator or join per object): it runs on every quiz
 * submission, for the idempotency hash and the committed-answer check.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += `${i > 0 ? "," : ""}${v === undefined ? "null" : canonicalJson(v)}`;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders strings by UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
