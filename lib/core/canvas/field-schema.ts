import type { z } from "zod";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { labelFor } from "@/lib/core/evaluator/field-labels";
import { edgePropsSchema, nodeSchema, NODE_KINDS, scenarioSchema, type NodeKind } from "@/lib/schemas/design";
import type { Check } from "./field-checks";
import type { FieldSpec, FieldTable } from "./fields";

// Form fields read from the design format's zod schema: the properties panel never lists props by hand, so a field
// added to the schema appears in the editor with the right control. This walk runs when field-table.ts is written
// (scripts/generate-field-table.ts) and in the unit test that holds the table equal to it, never in the browser:
// the page carries the table, not zod. Defaults come from the evaluator's one table of defaults and are shown as
// placeholders, never written into the document.

// zod 4 keeps its definition on `_zod.def`; only the parts read here are typed.
type CheckDef = { check: string; value?: number; inclusive?: boolean; format?: string; pattern?: RegExp; maximum?: number; minimum?: number; error?: (issue: object) => unknown };
type Def = {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  checks?: { _zod: { def: CheckDef } }[];
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

/** The schema each derived field (nested ones included) was read from: the unit test checks the table against it. */
export const schemaOfField = new WeakMap<FieldSpec, z.ZodType>();

function rulesOf(s: z.ZodType): Extract<Check, { rules: unknown }>["rules"] {
  return (defOf(s).checks ?? []).map(({ _zod: { def: c } }) => {
    if (c.check === "greater_than" || c.check === "less_than") return { rule: c.check === "greater_than" ? "min" : "max", value: c.value!, inclusive: Boolean(c.inclusive) };
    if (c.check === "number_format" && c.format === "safeint") return { rule: "int" };
    if (c.check === "max_length") return { rule: "maxLength", value: c.maximum! };
    if (c.check === "min_length") return { rule: "minLength", value: c.minimum! };
    const message = String(c.error?.({}) ?? "Invalid input");
    if (c.check === "string_format" && c.format === "regex" && c.pattern) return { rule: "pattern", source: c.pattern.source, message };
    // The format's one refinement is the CIDR range check; a new one fails here rather than go unchecked.
    if (c.check === "custom" && message.startsWith("CIDR")) return { rule: "cidr", message };
    throw new Error(`field-schema: no client check for zod's ${c.check}${c.format ? ` (${c.format})` : ""}`);
  });
}

/** What the format accepts for a value of this schema, as data (field-checks.ts). */
export function checkOf(schema: z.ZodType): Check {
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case "number":
      return { type: "number", rules: rulesOf(s) };
    case "string":
      return { type: "string", rules: rulesOf(s) };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "enum", values: Object.values(d.entries ?? {}) };
    case "literal":
      return { type: "enum", values: (d.values ?? []) as (string | number)[] };
    case "union":
      return { type: "union", options: (d.options ?? []).map(checkOf) };
    case "array":
      return { type: "array", item: checkOf(d.element!), rules: rulesOf(s) };
    case "object":
      return { type: "object", shape: Object.entries(shapeOf(s)).map(([key, v]) => ({ key, check: checkOf(v), optional: defOf(v).type === "optional" })) };
    default:
      throw new Error(`field-schema: no client check for zod's ${d.type}`);
  }
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
  priorResponses:
    "How many responses a kept-alive connection has already carried before the one being timed. Matters only when the path loses packets and the server uses CUBIC (the Linux default): every loss shrinks the server's send window, so an old connection sends with a smaller window than a young one and a large response takes more round trips. Leave empty for the second response on a connection.",
  tlsRecordBytes:
    "Matters only for large HTTPS responses. nginx sends records of up to 16,384 bytes unless told otherwise; a record that large does not fit in a new connection's first round trip, so the first byte arrives one round trip later. Leave empty if the server starts with small records (Go and most CDNs do).",
};

/** Builds the field for one schema entry. */
export function fieldFor(key: string, schema: z.ZodType, defaults: Record<string, unknown> = {}): FieldSpec {
  const field = buildField(key, schema, defaults);
  schemaOfField.set(field, unwrap(schema));
  return field;
}

function buildField(key: string, schema: z.ZodType, defaults: Record<string, unknown>): FieldSpec {
  const inner = unwrap(schema);
  const d = defOf(inner);
  const dv = defaults[key];
  const defaultValue = typeof dv === "string" || typeof dv === "number" || typeof dv === "boolean" ? dv : undefined;
  const optional = defOf(schema).type === "optional";
  const base = {
    key,
    label: labelFor(key),
    check: checkOf(inner),
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

function fieldsFromShape(shape: Record<string, z.ZodType>, defaults: Record<string, unknown> = {}): FieldSpec[] {
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

function kindDefaults(kind: NodeKind): Record<string, unknown> {
  const section = DEFAULT_SECTION[kind];
  const base = section ? { ...(DEFAULTS[section] as Record<string, unknown>) } : {};
  if (kind === "client") base.share = 1;
  return base;
}

/** The zod schema of one kind's `props` object. */
function propsSchemaFor(kind: NodeKind): z.ZodType {
  const options = (nodeSchema as unknown as { options: z.ZodType[] }).options;
  for (const o of options) {
    const shape = shapeOf(o);
    const literal = shape.kind ? defOf(shape.kind).values?.[0] : undefined;
    if (literal === kind && shape.props) return unwrap(shape.props);
  }
  throw new Error(`No schema for node kind ${kind}`);
}

// Documented defaults of edge props (design-format.md and the evaluator's table).
const EDGE_DEFAULTS: Record<string, unknown> = {
  responseBytes: DEFAULTS.edge.responseBytes,
  callProbability: 1,
  mode: "sync",
  retries: 0,
  backoff: "none",
};

/**
 * Every form the editor shows, read from the schema: each node kind's props in schema order, the edge props and the
 * scenario (rps, read ratio, targets…), with the evaluator's defaults. Also the node label's length limit.
 */
export function deriveFieldTable(): FieldTable {
  const labelSchema = shapeOf((nodeSchema as unknown as { options: z.ZodType[] }).options[0]!).label!;
  return {
    nodes: Object.fromEntries(NODE_KINDS.map((kind) => [kind, fieldsFromShape(shapeOf(propsSchemaFor(kind)), kindDefaults(kind))])) as Record<NodeKind, FieldSpec[]>,
    edge: fieldsFromShape(shapeOf(edgePropsSchema), EDGE_DEFAULTS),
    scenario: fieldsFromShape(shapeOf(scenarioSchema), {
      rps: DEFAULTS.scenario.rps,
      readRatio: DEFAULTS.scenario.readRatio,
      coldRatio: DEFAULTS.scenario.coldRatio,
      targets: { p99Ms: DEFAULTS.scenario.targetP99Ms, availability: DEFAULTS.scenario.targetAvailability },
    }),
    label: checkOf(labelSchema),
  };
}
