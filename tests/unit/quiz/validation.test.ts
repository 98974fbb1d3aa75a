import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchingOptions, orderingPublicIds, scoreResponse, validateResponse } from "@/lib/core/quiz";
import { allFixtures, as, matching, multiple, numericAbs, ordering, single, trueFalse } from "./fixtures";

const error = (r: ReturnType<typeof validateResponse>) => (r.ok ? null : r.error);

describe("validateResponse: shapes", () => {
  it.each([
    ["null", null],
    ["a string", "b"],
    ["an array", ["b"]],
    ["a number", 1],
  ])("rejects %s as the whole response", (_, raw) => {
    expect(error(validateResponse(single, raw))?.field).toBe("response");
  });

  it("rejects the shape of another type and names the field", () => {
    // The missing field of the expected shape is named, and the message spells out the whole shape.
    expect(error(validateResponse(single, { choiceIds: ["b"] }))).toMatchObject({
      field: "choiceId",
      message: /choiceId/,
    });
    expect(error(validateResponse(multiple, { choiceId: "a" }))?.field).toBe("choiceIds");
    expect(error(validateResponse(trueFalse, { choiceId: "a" }))?.field).toBe("value");
    expect(error(validateResponse(ordering, { matches: {} }))?.field).toBe("order");
    expect(error(validateResponse(numericAbs, { value: 1, unit: "ms" }))?.field).toBe("unit");
  });

  it("rejects missing fields", () => {
    expect(error(validateResponse(single, {}))).toMatchObject({ field: "choiceId" });
    expect(error(validateResponse(numericAbs, {}))).toMatchObject({ field: "value" });
    expect(error(validateResponse(ordering, {}))).toMatchObject({ field: "order" });
  });

  it("rejects extra fields on an otherwise right shape", () => {
    expect(error(validateResponse(single, { choiceId: "b", correct: true }))?.field).toBe("correct");
  });

  it("explains what the shape should be", () => {
    expect(error(validateResponse(multiple, { choiceIds: "a" }))?.message).toMatch(/choiceIds/);
  });
});

describe("validateResponse: single and multiple", () => {
  it("accepts known ids", () => {
    expect(validateResponse(single, { choiceId: "a" })).toMatchObject({ ok: true, type: "single" });
    expect(validateResponse(multiple, { choiceIds: ["a", "e"] })).toMatchObject({ ok: true, type: "multiple" });
  });

  it("accepts picking nothing in a multiple-choice question", () => {
    expect(validateResponse(multiple, { choiceIds: [] }).ok).toBe(true);
  });

  it("rejects unknown choice ids", () => {
    expect(error(validateResponse(single, { choiceId: "z" }))).toMatchObject({ field: "choiceId" });
    expect(error(validateResponse(multiple, { choiceIds: ["a", "z"] }))).toMatchObject({ field: "choiceIds.1" });
  });

  it("rejects duplicate choices", () => {
    const e = error(validateResponse(multiple, { choiceIds: ["a", "b", "a"] }));
    expect(e?.field).toBe("choiceIds.2");
    expect(e?.message).toMatch(/duplicate/);
  });

  it("rejects non-string and empty ids", () => {
    expect(error(validateResponse(single, { choiceId: 1 }))?.field).toBe("choiceId");
    expect(error(validateResponse(single, { choiceId: "" }))?.field).toBe("choiceId");
    expect(error(validateResponse(multiple, { choiceIds: [null] }))?.field).toBe("choiceIds.0");
  });
});

describe("validateResponse: true_false", () => {
  it("needs a real boolean", () => {
    expect(validateResponse(trueFalse, { value: true }).ok).toBe(true);
    for (const value of ["true", 1, 0, null])
      expect(error(validateResponse(trueFalse, { value }))?.field).toBe("value");
  });
});

describe("validateResponse: numeric", () => {
  it("accepts finite numbers including negatives and zero", () => {
    for (const value of [0, -3.5, 1e9, 100]) expect(validateResponse(numericAbs, { value }).ok).toBe(true);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["a numeric string", "100"],
    ["an empty string", ""],
    ["null", null],
    ["a boolean", true],
    ["an array", [100]],
  ])("rejects %s", (_, value) => {
    expect(error(validateResponse(numericAbs, { value }))?.field).toBe("value");
  });
});

describe("validateResponse: ordering", () => {
  const ids = orderingPublicIds(as(ordering, "ordering"));

  it("accepts any permutation of the public ids", () => {
    expect(validateResponse(ordering, { order: [...ids].reverse() }).ok).toBe(true);
  });

  it("rejects the authored ids, which are never sent to the browser", () => {
    expect(error(validateResponse(ordering, { order: ["a", "b", "c", "d"] }))?.field).toBe("order.0");
  });

  it("rejects missing, repeated and unknown items", () => {
    expect(error(validateResponse(ordering, { order: ids.slice(0, 3) }))?.field).toBe("order");
    expect(error(validateResponse(ordering, { order: [...ids, ids[0]] }))?.message).toMatch(/duplicate/);
    expect(error(validateResponse(ordering, { order: [ids[0], ids[1], ids[2], "nope"] }))?.field).toBe("order.3");
  });
});

describe("validateResponse: matching", () => {
  const options = matchingOptions(as(matching, "matching"));
  const opt = (text: string) => options.find((o) => o.text === text)?.id ?? "";

  it("accepts full and partial matchings, distractors included", () => {
    expect(validateResponse(matching, { matches: { a: opt("SSH"), b: opt("SMTP") } }).ok).toBe(true);
    expect(validateResponse(matching, { matches: {} }).ok).toBe(true);
  });

  it("rejects unknown left ids and unknown option ids", () => {
    expect(error(validateResponse(matching, { matches: { z: opt("SSH") } }))?.field).toBe("matches.z");
    expect(error(validateResponse(matching, { matches: { a: "b" } }))?.field).toBe("matches.a");
  });

  it("rejects one option used for two items", () => {
    const e = error(validateResponse(matching, { matches: { a: opt("SSH"), b: opt("SSH") } }));
    expect(e?.field).toBe("matches.b");
  });

  it("rejects non-string option ids and non-object matches", () => {
    expect(error(validateResponse(matching, { matches: { a: 1 } }))?.field).toBe("matches.a");
    expect(error(validateResponse(matching, { matches: [opt("SSH")] }))?.field).toBe("matches");
  });

  it("is not fooled by prototype keys", () => {
    expect(validateResponse(matching, JSON.parse(`{"matches":{"__proto__":"x"}}`)).ok).toBe(true);
    expect(error(validateResponse(matching, { matches: { constructor: opt("SSH") } }))?.field).toBe(
      "matches.constructor",
    );
  });
});

describe("validateResponse: arbitrary input (property)", () => {
  it("never throws, and whatever it accepts can be scored", () => {
    const arbitraryResponse = fc.oneof(
      fc.anything(),
      fc.record({ choiceId: fc.constantFrom("a", "b", "z", "") }),
      fc.record({ choiceIds: fc.array(fc.constantFrom("a", "b", "c", "d", "e", "z")) }),
      fc.record({ value: fc.oneof(fc.double(), fc.boolean(), fc.string()) }),
      fc.record({ order: fc.array(fc.string()) }),
      fc.record({ matches: fc.dictionary(fc.constantFrom("a", "b", "c", "d", "z"), fc.string()) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...allFixtures), arbitraryResponse, (q, raw) => {
        const r = validateResponse(q, raw);
        if (r.ok) {
          const s = scoreResponse(q, raw);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(1);
        } else {
          expect(r.error.field.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
