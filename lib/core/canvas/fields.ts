import type { z } from "zod";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { labelFor } from "@/lib/core/evaluator/field-labels";
import { formatNumber } from "@/lib/core/util/format";
import { engineLabel, optionLabel } from "./labels";
import { edgePropsSchema, nodeSchema, scenarioSchema, type NodeKind } from "@/lib/schemas/design";

// Form fields generated from the design format's zod schema: the properties panel never lists props by hand,
// so a field added to the schema appears in the editor with the right control. Defaults come from the
// evaluator's one table of defaults and are shown as placeholders, never written into the document.

// The evaluator names fields in its own text (assumptions) by the same labels, so the label rule lives with it.
export { labelFor };

type Primitive = string | number | boolean;

type FieldBase = {
  key: string;
  label: string;
  /** The zod schema of the value (without `.optional()`); used to refuse invalid input with its message. */
  schema: z.ZodType;
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

// zod 4 keeps its definition on `_zod.def`; only the parts read here are typed.
type Def = {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  checks?: unknown[];
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if ((d.type === "optional" || d.type === "default" || d.type === "nullable") && d.innerType) cur = d.innerType;
    else return cur;
  }
}

function shapeOf(s: z.ZodType): Record<string, z.ZodType> {
  const u = unwrap(s) as unknown as { shape?: Record<string, z.ZodType> };
  return u.shape ?? {};
}

/** The unit shown next to a number, from the field's name suffix (the format's unit convention). */
export function unitFor(key: string, schema?: z.ZodType): string | undefined {
  if (/Ms$/.test(key)) return "ms";
  if (/Seconds$/.test(key)) return "s";
  if (/Bytes$/.test(key)) return "bytes";
  if (/(^rps$|Rps$)/.test(key)) return "req/s";
  if (/Mbps$/.test(key)) return "Mbit/s";
  if (/(Ratio$|^ratio$)/.test(key)) return "ratio 0–1";
  if (schema) {
    const n = unwrap(schema) as unknown as { minValue?: number | null; maxValue?: number | null };
    if (n.minValue === 0 && n.maxValue === 1) return "ratio 0–1";
    if (n.minValue === 0 && typeof n.maxValue === "number" && n.maxValue < 1) return `ratio 0–${n.maxValue}`;
  }
  return undefined;
}

// Fields whose effect is not obvious from their label, explained in a sentence under the control.
const FIELD_HINTS: Record<string, string> = {
  idleBetweenRequestsMs:
    "How long one kept-alive connection waits between a response and the next request, such as a user's pause between clicks. On Linux a pause of more than about 200 ms outlasts the server's retransmission timeout, and the server then shrinks its send window back towards its starting size, so a large response after a long pause is as slow as on a new connection. Leave empty for a busy connection.",
  tlsRecordBytes:
    "Matters only for large HTTPS responses. nginx sends records of up to 16,384 bytes unless told otherwise; a record that large does not fit in a new connection's first round trip, so the first byte arrives one round trip later. Leave empty if the server starts with small records (Go and most CDNs do).",
};

/** Builds the field for one schema entry; returns null for shapes the editor cannot show. */
export function fieldFor(key: string, schema: z.ZodType, defaults: Record<string, unknown> = {}): FieldSpec {
  const inner = unwrap(schema);
  const d = defOf(inner);
  const dv = defaults[key];
  const defaultValue = typeof dv === "string" || typeof dv === "number" || typeof dv === "boolean" ? dv : undefined;
  const optional = defOf(schema).type === "optional";
  const base = {
    key,
    label: labelFor(key),
    schema: inner,
    optional,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    ...(FIELD_HINTS[key] ? { hint: FIELD_HINTS[key] } : {}),
  };
  switch (d.type) {
    case "number": {
      const n = inner as unknown as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
      const unit = unitFor(key, inner);
      return {
        ...base,
        type: "number",
        integer: Boolean(n.isInt),
        ...(unit ? { unit } : {}),
        ...(typeof n.minValue === "number" && Number.isFinite(n.minValue) ? { min: n.minValue } : {}),
        ...(typeof n.maxValue === "number" && Number.isFinite(n.maxValue) && n.maxValue < Number.MAX_SAFE_INTEGER
          ? { max: n.maxValue }
          : {}),
      };
    }
    case "boolean":
      return { ...base, type: "boolean" };
    case "enum":
      return { ...base, type: "enum", options: naturalOrder(Object.values(d.entries ?? {})) };
    case "literal":
      return { ...base, type: "enum", options: (d.values ?? []) as (string | number)[] };
    case "string": {
      const s = inner as unknown as { maxLength?: number | null };
      return { ...base, type: "text", ...(typeof s.maxLength === "number" ? { maxLength: s.maxLength } : {}) };
    }
    case "union": {
      const opts = (d.options ?? []).map(unwrap);
      const literals = opts.map((o) => {
        const od = defOf(o);
        if (od.type === "literal") return od.values ?? [];
        if (od.type === "enum") return Object.values(od.entries ?? {});
        return null;
      });
      if (literals.every((l) => l !== null)) {
        return { ...base, type: "enum", options: (literals as unknown[][]).flat() as (string | number)[] };
      }
      const suggestions = literals.flatMap((l) => (l ?? []).filter((v): v is string => typeof v === "string"));
      const acceptsNumber = opts.some((o) => defOf(o).type === "number");
      return { ...base, type: "mixed", suggestions, acceptsNumber };
    }
    case "array": {
      const element = unwrap(d.element as z.ZodType);
      if (defOf(element).type === "object") {
        return { ...base, type: "object-list", fields: fieldsFromShape(shapeOf(element)) };
      }
      return { ...base, type: "list", item: fieldFor("item", element) };
    }
    case "object":
      return { ...base, type: "group", fields: fieldsFromShape(shapeOf(inner), nestedDefaults(defaults, key)) };
    default:
      return { ...base, type: "text" };
  }
}

// Object keys that look like integers ("2", "3") come first in JS, so version enums lose their order.
function naturalOrder(values: (string | number)[]): (string | number)[] {
  if (values.every((v) => typeof v === "string" && /^\d+(\.\d+)?$/.test(v))) {
    return [...values].sort((a, b) => Number(a) - Number(b));
  }
  return values;
}

function nestedDefaults(defaults: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = defaults[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function fieldsFromShape(shape: Record<string, z.ZodType>, defaults: Record<string, unknown> = {}): FieldSpec[] {
  return Object.entries(shape).map(([k, s]) => fieldFor(k, s, defaults));
}

// The evaluator's defaults table is keyed by camelCase kind names.
const DEFAULT_SECTION: Partial<Record<NodeKind, keyof typeof DEFAULTS>> = {
  dns: "dns",
  cdn: "cdn",
  load_balancer: "loadBalancer",
  gateway: "gateway",
  service: "service",
  cache: "cache",
  database: "database",
  queue: "queue",
  worker: "worker",
  object_storage: "objectStorage",
  external_api: "externalApi",
  nat_gateway: "natGateway",
};

export function kindDefaults(kind: NodeKind): Record<string, unknown> {
  const section = DEFAULT_SECTION[kind];
  const base = section ? { ...(DEFAULTS[section] as Record<string, unknown>) } : {};
  if (kind === "client") base.share = 1;
  return base;
}

const propsSchemaCache = new Map<NodeKind, z.ZodType>();

/** The zod schema of one kind's `props` object. */
export function propsSchemaFor(kind: NodeKind): z.ZodType {
  const cached = propsSchemaCache.get(kind);
  if (cached) return cached;
  const options = (nodeSchema as unknown as { options: z.ZodType[] }).options;
  for (const o of options) {
    const shape = shapeOf(o);
    const literal = shape.kind ? defOf(shape.kind).values?.[0] : undefined;
    if (literal === kind && shape.props) {
      const props = unwrap(shape.props);
      propsSchemaCache.set(kind, props);
      return props;
    }
  }
  throw new Error(`No schema for node kind ${kind}`);
}

const nodeFieldCache = new Map<NodeKind, FieldSpec[]>();

/** The props fields of one node kind, in schema order, with the evaluator's defaults. */
export function nodeFields(kind: NodeKind): FieldSpec[] {
  const cached = nodeFieldCache.get(kind);
  if (cached) return cached;
  const fields = fieldsFromShape(shapeOf(propsSchemaFor(kind)), kindDefaults(kind));
  nodeFieldCache.set(kind, fields);
  return fields;
}

// Documented defaults of edge props (design-format.md and the evaluator's table).
const EDGE_DEFAULTS: Record<string, unknown> = {
  responseBytes: DEFAULTS.edge.responseBytes,
  callProbability: 1,
  mode: "sync",
  retries: 0,
  backoff: "none",
};

let edgeFieldCache: FieldSpec[] | null = null;
export function edgeFields(): FieldSpec[] {
  edgeFieldCache ??= fieldsFromShape(shapeOf(edgePropsSchema), EDGE_DEFAULTS);
  return edgeFieldCache;
}

let scenarioFieldCache: FieldSpec[] | null = null;
/** Fields of the design's scenario (rps, read ratio, targets…). */
export function scenarioFields(): FieldSpec[] {
  scenarioFieldCache ??= fieldsFromShape(shapeOf(scenarioSchema), {
    rps: DEFAULTS.scenario.rps,
    readRatio: DEFAULTS.scenario.readRatio,
    coldRatio: DEFAULTS.scenario.coldRatio,
    targets: { p99Ms: DEFAULTS.scenario.targetP99Ms, availability: DEFAULTS.scenario.targetAvailability },
  });
  return scenarioFieldCache;
}

/** The zod message for an invalid value, or null when the value is acceptable. */
export function fieldError(field: FieldSpec, value: unknown): string | null {
  const r = field.schema.safeParse(value);
  if (r.success) return null;
  return r.error.issues[0]?.message ?? "Invalid value";
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
