import type { NodeKind } from "@/lib/schemas/design";
import { labelFor } from "@/lib/core/evaluator/field-labels";
import { formatNumber } from "@/lib/core/util/format";
import { checkValue, type Check } from "./field-checks";
import { FIELD_TABLE } from "./field-table";
import { engineLabel, optionLabel } from "./labels";

// The properties panel's forms. Each field comes from the design format's zod schema (field-schema.ts reads it;
// field-table.ts holds the result, checked equal to it by a unit test), so a field added to the schema appears in
// the editor with the right control, while the page's script carries a table instead of zod.

// The evaluator names fields in its own text (assumptions) by the same labels, so the label rule lives with it.
export { labelFor };

type Primitive = string | number | boolean;

type FieldBase = {
  key: string;
  label: string;
  /** What the format accepts for the value (without `.optional()`); used to refuse invalid input with zod's message. */
  check: Check;
  /** False for values the schema requires (e.g. a firewall rule's action). */
  optional: boolean;
  defaultValue?: Primitive;
  /** A sentence under the control for a field whose label alone does not tell a newcomer what it changes. */
  hint?: string;
};

export type FieldSpec =
  | (FieldBase & { type: "number"; unit?: string; integer: boolean; min?: number; max?: number })
  | (FieldBase & { type: "boolean" })
  | (FieldBase & { type: "enum"; options: (string | number)[] })
  | (FieldBase & { type: "text"; maxLength?: number })
  /** A union such as a firewall port (number, "any" or a range) or source (keyword or CIDR): free text. */
  | (FieldBase & { type: "mixed"; suggestions: string[]; acceptsNumber: boolean })
  | (FieldBase & { type: "list"; item: FieldSpec })
  | (FieldBase & { type: "object-list"; fields: FieldSpec[] })
  | (FieldBase & { type: "group"; fields: FieldSpec[] });

/** Every form the editor shows: each node kind's props, the edge props, the scenario, and the node label's check. */
export type FieldTable = { nodes: Record<NodeKind, FieldSpec[]>; edge: FieldSpec[]; scenario: FieldSpec[]; label: Check };

/** The props fields of one node kind, in schema order, with the evaluator's defaults. */
export function nodeFields(kind: NodeKind): FieldSpec[] {
  return FIELD_TABLE.nodes[kind];
}

export function edgeFields(): FieldSpec[] {
  return FIELD_TABLE.edge;
}

/** Fields of the design's scenario (rps, read ratio, targets…). */
export function scenarioFields(): FieldSpec[] {
  return FIELD_TABLE.scenario;
}

/** What a node's label accepts. */
export const nodeLabelCheck = (): Check => FIELD_TABLE.label;

/** The message zod gives for an invalid value, or null when the value is acceptable. */
export function fieldError(field: FieldSpec, value: unknown): string | null {
  return checkValue(field.check, value);
}

/**
 * Turns what the user typed into the value to store: empty → undefined (use the default), numbers parsed,
 * mixed fields become numbers when they look like one and the schema takes numbers.
 */
export function parseInput(
  field: FieldSpec,
  raw: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === "") return { ok: true, value: undefined };
  if (field.type === "number") {
    const n = Number(text);
    if (!Number.isFinite(n)) return { ok: false, message: "Enter a number" };
    const err = fieldError(field, n);
    return err ? { ok: false, message: err } : { ok: true, value: n };
  }
  if (field.type === "mixed" && field.acceptsNumber && /^\d+$/.test(text)) {
    const n = Number(text);
    const err = fieldError(field, n);
    return err ? { ok: false, message: err } : { ok: true, value: n };
  }
  if (field.type === "enum") {
    const match = field.options.find((o) => String(o) === text);
    if (match === undefined) return { ok: false, message: `Choose one of ${field.options.join(", ")}` };
    return { ok: true, value: match };
  }
  const err = fieldError(field, text);
  return err ? { ok: false, message: err } : { ok: true, value: text };
}

// Counts whose label is not itself the noun ("Concurrency: 8" says 8 of what?) get one in the text.
const COUNT_NOUNS: Record<string, string> = {
  concurrency: "requests at a time",
  maxConnections: "connections",
  maxConnectionsPerInstance: "connections",
  poolSize: "connections",
  concurrentUsers: "users",
};

const RULE_SOURCES: Record<string, string> = { internet: "the internet", internal: "internal networks", any: "anywhere" };

function ruleText(rule: Record<string, unknown>): string {
  const parts = [optionLabel("action", String(rule.action ?? "allow")), String(rule.direction ?? "inbound")];
  if (typeof rule.protocol === "string" && rule.protocol !== "any") parts.push(optionLabel("protocol", rule.protocol));
  const port = rule.port;
  if (port === undefined || port === "any") parts.push("on any port");
  else if (typeof port === "string" && port.includes("-")) parts.push(`on ports ${port.replace("-", "–")}`);
  else parts.push(`on port ${String(port)}`);
  const source = typeof rule.source === "string" ? rule.source : "any";
  parts.push(`from ${RULE_SOURCES[source] ?? source}`);
  const notes = [rule.enabled === false ? "switched off" : null, typeof rule.note === "string" && rule.note ? `“${rule.note}”` : null].filter(Boolean);
  return `${parts.join(" ")}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

// The evaluator takes replicas out only when `enabled` is true (availability.ts), so anything else reads "off".
function healthCheckText(hc: Record<string, unknown>): string {
  if (hc.enabled !== true) return "off";
  const parts = ["on"];
  if (typeof hc.intervalSeconds === "number") parts.push(`every ${formatNumber(hc.intervalSeconds, 3)} s`);
  if (typeof hc.unhealthyThreshold === "number") {
    parts.push(`out after ${formatNumber(hc.unhealthyThreshold, 0)} failed check${hc.unhealthyThreshold === 1 ? "" : "s"}`);
  }
  return parts.join(", ");
}

/** A label inside a sentence: "Availability" → "availability", but "TLS termination" keeps its acronym. */
const inSentence = (label: string) => (/^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/**
 * A field's value as text for a read-only view, with its unit: ratios as percentages ("99.9 %"), numbers with
 * thousands separators and their unit ("1,800 req/s", "250 ms"), enums by their labels, engines by their names,
 * a health check or firewall rule as a phrase, components by their names (`names`, from componentNames), and an
 * unset value as its default ("1 (default)") or "not set".
 */
export function describeFieldValue(field: FieldSpec, value: unknown, names?: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null) {
    if (field.defaultValue !== undefined) return `${describeFieldValue(field, field.defaultValue)} (default)`;
    return "not set";
  }
  switch (field.type) {
    case "number": {
      if (typeof value !== "number") return String(value);
      if (field.unit?.startsWith("ratio")) return `${formatNumber(value * 100, 3)} %`;
      const unit = field.unit ?? COUNT_NOUNS[field.key];
      return unit ? `${formatNumber(value, 3)} ${unit}` : formatNumber(value, 3);
    }
    case "boolean":
      return value ? "Yes" : "No";
    case "enum":
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? optionLabel(field.key, value) : String(value);
    case "text":
      if (field.key === "engine" && typeof value === "string") return engineLabel(value);
      return String(value);
    case "mixed": {
      if (typeof value === "string" && field.suggestions.includes(value)) return optionLabel(field.key, value);
      if (field.key === "requests" && typeof value === "object") {
        const r = asRecord(value);
        const pct = (v: unknown) => (typeof v === "number" ? `${formatNumber(v * 100, 3)} %` : "?");
        return `${pct(r.read)} of reads, ${pct(r.write)} of writes`;
      }
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    case "list": {
      if (!Array.isArray(value) || value.length === 0) return "none";
      if (field.key === "cacheFor") return value.map((id) => names?.get(String(id)) ?? "a component not on the canvas").join(", ");
      return value.map((v) => describeFieldValue(field.item, v)).join(", ");
    }
    case "object-list":
    case "group": {
      if (field.key === "healthCheck") return healthCheckText(asRecord(value));
      const items = field.type === "group" ? [value] : Array.isArray(value) ? value : [];
      if (items.length === 0) return "none";
      if (field.key === "rules") return items.map((r) => ruleText(asRecord(r))).join("; ");
      return items
        .map((item) => {
          const obj = asRecord(item);
          return field.fields
            .filter((f) => obj[f.key] !== undefined || f.defaultValue !== undefined)
            .map((f) => `${inSentence(f.label)} ${describeFieldValue(f, obj[f.key], names)}`)
            .join(", ");
        })
        .join("; ");
    }
  }
}
