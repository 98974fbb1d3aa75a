import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { giftToQuestions, type ImportDefaults } from "@/lib/core/gift";

// A file that uses every feature of Moodle's GIFT format (issue #13, Moodle parity): what maps to a Roundtrip
// type imports with its feedback and partial credit; essays and descriptions are skipped, each with its line.
const source = readFileSync(new URL("./fixtures/every-feature.gift", import.meta.url), "utf8");
const defaults: ImportDefaults = { chapter: "big-picture", section: "tcp-ip-model", difficulty: "medium", tags: ["imported"], unit: "units" };

describe("a GIFT file using every feature", () => {
  const result = giftToQuestions(source, defaults);
  const byTitle = new Map(result.questions.map((q) => [q.question.id.replace("big-picture/", ""), q.question]));

  it("imports sixteen questions of six types and reports the essay and the description by line", () => {
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.type])).toEqual([
      [7, "single"], [15, "multiple"], [23, "single"], [30, "true_false"], [33, "true_false"], [36, "short_answer"],
      [42, "matching"], [50, "numeric"], [53, "numeric"], [56, "numeric"], [62, "single"], [65, "single"],
      [68, "single"], [70, "true_false"], [72, "true_false"], [75, "single"],
    ]);
    expect(result.warnings.filter((w) => w.message.startsWith("skipped")).map((w) => w.line)).toEqual([84, 87]);
  });

  it("keeps per-answer and general feedback, and negative and partial weights", () => {
    const port = byTitle.get("default-https-port");
    expect(port?.type === "single" && port.choices.map((c) => c.feedback)).toEqual([
      "Right: the registered port for HTTP over TLS.", "That one is plain HTTP.", "That one is SSH.",
    ]);
    expect(port?.explanation).toContain("Browsers assume 443");
    const overIp = byTitle.get("over-ip-directly");
    expect(overIp?.type === "multiple" && overIp.choices.map((c) => c.weight)).toEqual([0.5, 0.5, -1, -1]);
    const rtts = byTitle.get("handshake-rtts");
    expect(rtts?.type === "single" && rtts.choices.map((c) => c.weight ?? null)).toContain(0.5);
    const udp = byTitle.get("udp-retransmits");
    expect(udp?.type === "true_false" && udp.answer).toBe(false);
  });

  it("keeps short-answer alternatives, numeric ranges with partial credit, and escaped characters", () => {
    const dns = byTitle.get("name-resolution");
    expect(dns?.type === "short_answer" && dns.answers.map((a) => [a.value, a.weight ?? 1])).toEqual([["DNS", 1], ["Domain Name System", 0.5]]);
    const fibre = byTitle.get("speed-of-light-in-fibre");
    expect(fibre?.type === "numeric" && fibre.partialRanges?.map((r) => r.weight)).toEqual([0.5]);
    const ports = byTitle.get("ephemeral-ports");
    expect(ports?.type === "numeric" && ports.tolerance).toBeTruthy();
    const escapes = byTitle.get("escapes");
    expect(escapes?.prompt).toContain("#, { or = in this quiz: none, some or all?");
    const missing = byTitle.get("missing-word");
    expect(missing?.prompt).toMatch(/starts with a .+ segment from the client/);
  });
});
