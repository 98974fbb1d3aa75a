import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { checkValue, type Check } from "@/lib/core/canvas/field-checks";
import { deriveFieldTable, schemaOfField } from "@/lib/core/canvas/field-schema";
import { FIELD_TABLE } from "@/lib/core/canvas/field-table";
import { fieldError, parseInput, type FieldSpec } from "@/lib/core/canvas/fields";
import { nodeSchema } from "@/lib/schemas/design";

// The practice page carries the properties panel's forms as a table (field-table.ts) and checks typed values
// with field-checks.ts instead of zod. Both must stay what the zod schema says: the table equal to the one read
// from the schema, and every check giving zod's verdict and zod's message for the same value.

const derived = deriveFieldTable();

function allFields(fields: FieldSpec[]): FieldSpec[] {
  return fields.flatMap((f) => [f, ...(f.type === "list" ? allFields([f.item]) : f.type === "object-list" || f.type === "group" ? allFields(f.fields) : [])]);
}
const derivedFields = [...Object.values(derived.nodes).flat(), ...derived.edge, ...derived.scenario].flatMap((f) => allFields([f]));

// Values around every bound and pattern a check names, and values of the wrong type.
function samples(check: Check): unknown[] {
  const common = [undefined, null, true, "", "abc", 0, -1, 1.5, {}, [], Number.POSITIVE_INFINITY];
  switch (check.type) {
    case "number": {
      const bounds = check.rules.flatMap((r) => ("value" in r ? [r.value] : []));
      return [...common, ...bounds.flatMap((b) => [b, b - 1, b + 1, b - 0.5, b + 0.5, b + 1e-9]), 2 ** 53, -(2 ** 53), "5"];
    }
    case "string": {
      const lengths = check.rules.flatMap((r) => (r.rule === "minLength" || r.rule === "maxLength" ? [r.value] : []));
      return [
        ...common,
        ...lengths.flatMap((n) => [n - 1, n, n + 1].filter((k) => k >= 0).map((k) => "x".repeat(k))),
        ...["1000-2000", "1-123456", "10.0.0.0/8", "300.0.0.0/8", "10.0.0.0/33", "10.0.0/8", "us-east", "Us-East", "-eu", "a".repeat(41)],
      ];
    }
    case "boolean":
      return [...common, false, "true"];
    case "enum":
      return [...common, ...check.values, `${String(check.values[0])}x`];
    case "union":
      return [...common, 70000, 443, "any", "internet", "read", { read: 0.5, write: 1 }, { read: 2, write: 0 }, { read: 0.5 }, ...check.options.flatMap(samples)];
    case "array": {
      const items = samples(check.item);
      const max = check.rules.flatMap((r) => (r.rule === "maxLength" ? [r] : []))[0];
      const valid = items.find((v) => checkValue(check.item, v) === null);
      return [...common, ...items.map((v) => [v]), max && valid !== undefined ? Array.from({ length: max.value + 1 }, () => valid) : [], "x"];
    }
    case "object": {
      // A valid object, then each key set to each of its samples in turn.
      const valid: Record<string, unknown> = {};
      for (const f of check.shape) if (!f.optional) valid[f.key] = samples(f.check).find((v) => checkValue(f.check, v) === null);
      return [...common, valid, ...check.shape.flatMap((f) => samples(f.check).map((v) => ({ ...valid, [f.key]: v })))];
    }
  }
}

function zodMessage(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? "Invalid input");
}

describe("the properties panel's field table", () => {
  it("is the table read from the design schema (run npm run schema:design when this fails)", () => {
    expect(FIELD_TABLE).toEqual(derived);
  });

  it("covers every field of the schema, nested ones included", () => {
    expect(derivedFields.length).toBeGreaterThan(100);
    for (const f of derivedFields) expect(schemaOfField.get(f), f.key).toBeDefined();
  });

  it("gives zod's verdict and message for every field and every sample value", () => {
    let compared = 0;
    for (const f of derivedFields) {
      const schema = schemaOfField.get(f)!;
      for (const value of samples(f.check)) {
        expect({ key: f.key, value, message: fieldError(f, value) }).toEqual({ key: f.key, value, message: zodMessage(schema, value) });
        compared++;
      }
    }
    // Both outcomes are exercised: a battery that only ever passed (or failed) would prove nothing.
    expect(compared).toBeGreaterThan(2000);
  });

  it("checks a node's label as the schema does", () => {
    const label = (nodeSchema.options[0].shape.label as z.ZodOptional<z.ZodString>).unwrap();
    for (const value of ["", "Web", "x".repeat(200), "x".repeat(201), 5]) expect(checkValue(FIELD_TABLE.label, value)).toBe(zodMessage(label, value));
  });

  it("refuses what the panel refused with zod, with the same words", () => {
    const replicas = FIELD_TABLE.nodes.service.find((f) => f.key === "replicas")!;
    expect(parseInput(replicas, "0")).toEqual({ ok: false, message: "Too small: expected number to be >0" });
    expect(parseInput(replicas, "1.5")).toEqual({ ok: false, message: "Invalid input: expected int, received number" });
    expect(parseInput(replicas, "3")).toEqual({ ok: true, value: 3 });
    const rules = FIELD_TABLE.nodes.firewall.find((f) => f.key === "rules");
    if (rules?.type !== "object-list") throw new Error("firewall rules are an object list");
    const source = rules.fields.find((f) => f.key === "source")!;
    expect(parseInput(source, "300.0.0.0/8")).toEqual({ ok: false, message: "CIDR octets must be 0..255 and the prefix 0..32" });
    expect(parseInput(source, "10.0.0.0/8")).toEqual({ ok: true, value: "10.0.0.0/8" });
  });
});
