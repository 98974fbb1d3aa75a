import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateDesign, type EvaluationResult } from "@/lib/core/evaluator";
import { applyFollowUp, describeChange, judgeEstimate, judgeFollowUp, scoreEstimates, scoreRequirements } from "@/lib/core/canvas/interview";
import { estimatesInput, requirementsInput } from "@/lib/schemas/interview";
import { problemSchema, type Problem } from "@/lib/schemas/problem";

const problems: Problem[] = readdirSync("content/problems").map((f) => problemSchema.parse(JSON.parse(readFileSync(`content/problems/${f}`, "utf8"))));
const shortener = problems.find((p) => p.slug === "url-shortener")!;

function evaluate(doc: unknown): EvaluationResult {
  const out = evaluateDesign(doc);
  if (!out.ok) throw new Error(JSON.stringify(out.errors[0]));
  return out.result;
}

describe("every problem defines the interview", () => {
  it.each(problems.map((p) => [p.slug, p] as const))("%s: requirements, five worked estimates and at least three follow-ups that change the outcome", (_, p) => {
    expect(p.requirements.filter((r) => r.relevant).length).toBeGreaterThanOrEqual(3);
    expect(p.requirements.filter((r) => !r.relevant).length).toBeGreaterThanOrEqual(2);
    expect(p.followUps.length).toBeGreaterThanOrEqual(3);
    // The starter is what a candidate begins with: each round must change its figures, so no round is a no-op.
    const reference = evaluate(p.reference);
    for (const f of p.followUps) {
      const after = evaluate(applyFollowUp(p.reference as never, f.change));
      const moved = after.latency.p99Ms !== reference.latency.p99Ms || after.capacity.nodes.some((n, i) => n.utilization !== reference.capacity.nodes[i]?.utilization);
      expect(moved, `${p.slug} › ${f.key} changes nothing`).toBe(true);
      expect(describeChange(f.change).join(" ")).not.toMatch(/_/);
    }
  });
});

describe("requirements", () => {
  it("scores relevant picks, subtracts out-of-scope ones and explains every option", () => {
    const relevant = shortener.requirements.filter((r) => r.relevant);
    const distractor = shortener.requirements.find((r) => !r.relevant)!;
    const picks = [...relevant.slice(0, 4), distractor].map((r) => ({ key: r.key, justification: "because the brief says so" }));
    const out = scoreRequirements(shortener.requirements, picks);
    if ("error" in out) throw new Error(out.error);
    expect(out.score).toBe(3);
    expect(out.maxScore).toBe(relevant.length);
    expect(out.feedback.items.find((i) => i.key === distractor.key)?.verdict).toBe("out-of-scope");
    expect(out.feedback.items.every((i) => i.why.length > 0)).toBe(true);
    expect(scoreRequirements(shortener.requirements, [{ key: "made-up", justification: "xxxxxxxxxxxx" }])).toEqual({ error: "picks[0].key: not one of this problem's requirements" });
  });

  it("refuses duplicate picks and empty justifications at the boundary", () => {
    const dup = requirementsInput.safeParse({ designId: "d", picks: [{ key: "redirect", justification: "x".repeat(12) }, { key: "redirect", justification: "y".repeat(12) }] });
    expect(dup.success).toBe(false);
    const short = requirementsInput.safeParse({ designId: "d", picks: [{ key: "redirect", justification: "ok" }] });
    expect(short.success).toBe(false);
    if (!short.success) expect(short.error.issues[0]?.path).toEqual(["picks", 0, "justification"]);
  });
});

describe("estimates", () => {
  it("accepts within ×3 as close, within ×10 as the right order of magnitude", () => {
    expect(judgeEstimate(5000, 1760).verdict).toBe("close");
    expect(judgeEstimate(10_000, 1760).verdict).toBe("order-of-magnitude");
    expect(judgeEstimate(100, 1760).verdict).toBe("off");
    const a = shortener.estimates.answers;
    const exact = scoreEstimates(shortener.estimates, { qps: a.qps.value, peakQps: a.peakQps.value, storagePerYearGb: a.storagePerYearGb.value, bandwidthMbps: a.bandwidthMbps.value, cacheGb: a.cacheGb.value });
    expect(exact.score).toBe(exact.maxScore);
    expect(exact.feedback.items.every((i) => i.working.length > 20)).toBe(true);
  });

  it.each([
    ["12k", /Average queries per second: use digits only/],
    ["-5", /must not be negative/],
    ["0", /must be more than 0/],
    ["1" + "0".repeat(15), /beyond any real system/],
    ["", /enter a number/],
  ])("refuses %j naming the field", (typed, message) => {
    const parsed = estimatesInput.safeParse({ designId: "d", values: { qps: typed, peakQps: "5000", storagePerYearGb: "365", bandwidthMbps: "21", cacheGb: "73" } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues[0]?.path).toEqual(["values", "qps"]);
    expect(parsed.error.issues[0]?.message).toMatch(message);
  });

  it("reads thousands separators", () => {
    const parsed = estimatesInput.parse({ designId: "d", values: { qps: "1,760", peakQps: "5 300", storagePerYearGb: "365", bandwidthMbps: "21.5", cacheGb: "73" } });
    expect(parsed.values.qps).toBe(1760);
    expect(parsed.values.peakQps).toBe(5300);
  });
});

describe("follow-up rounds", () => {
  it("apply the change to the candidate's own design and say what broke and by how much", () => {
    const starterLike = {
      version: 1,
      name: "One box",
      scenario: shortener.scenario,
      nodes: [
        { id: "visitors-us", kind: "client", region: "us-east", props: { share: 0.6, platform: "web" } },
        { id: "visitors-eu", kind: "client", region: "eu-west", props: { share: 0.4, platform: "mobile" } },
        { id: "app", kind: "service", label: "App server", region: "us-east", props: { replicas: 2, serviceTimeMs: 5, concurrency: 16 } },
      ],
      edges: [
        { id: "e1", from: "visitors-us", to: "app" },
        { id: "e2", from: "visitors-eu", to: "app" },
      ],
    };
    const launch = shortener.followUps.find((f) => f.key === "launch-day")!;
    const changed = applyFollowUp(starterLike as never, launch.change);
    expect(changed.scenario?.rps).toBe(50_000);
    expect(starterLike.scenario.rps).toBe(5000);
    const verdict = judgeFollowUp(launch, shortener.scenario.targets, evaluate(starterLike), evaluate(changed), (id) => (id === "app" ? "App server" : id));
    expect(verdict.passed).toBe(false);
    const overload = verdict.broke.find((b) => b.what === "App server is overloaded");
    expect(overload?.by).toMatch(/req\/s more than it can serve/);
    // Before and after in the same words, thousands grouped as every other figure (was "156 % busy" → "1563 % of its capacity").
    expect(overload?.before).toMatch(/^\d+ % of its capacity$/);
    expect(judgeFollowUp(launch, shortener.scenario.targets, evaluate(starterLike), evaluate(applyFollowUp(changed as never, launch.change)), () => "App server").broke.find((b) => b.what === "App server is overloaded")?.after).toMatch(/^\d,\d{3} % of its capacity$/);
    expect(overload?.after).toMatch(/^\d{1,3}(,\d{3})* % of its capacity$/);
  });

  it("says how the p99 compares with before in words: '2.3× before', or 'as before', never '× 1.0 of before'", () => {
    const before = evaluate(shortener.reference as never);
    const slower = structuredClone(before);
    slower.latency.p99Ms = before.latency.p99Ms * 2.3;
    const strict = { pass: { p99Ms: 1 } };
    const p99 = (after: typeof before) => judgeFollowUp(strict, shortener.scenario.targets, before, after, (id) => id).broke.find((b) => b.what === "p99 latency above the target")?.by;
    expect(p99(slower)).toMatch(/\(2\.3× before\)$/);
    expect(p99(structuredClone(before))).toMatch(/\(as before\)$/);
  });

  it("region down removes what runs there but keeps the users", () => {
    const down = applyFollowUp(shortener.reference as never, [{ op: "region-down", region: "us-east" }]);
    expect(down.nodes.some((n) => n.id === "visitors-us")).toBe(true);
    expect(down.nodes.some((n) => n.id === "links-db")).toBe(false);
    expect(down.edges.every((e) => down.nodes.some((n) => n.id === e.from) && down.nodes.some((n) => n.id === e.to))).toBe(true);
  });
});

describe("reference diff", () => {
  it("lists missing, extra and differently configured parts, each with the points it is worth", async () => {
    const { structuralDiff } = await import("@/lib/core/canvas/diff");
    const ref = structuredClone(shortener.reference) as never as { nodes: { id: string; kind: string; props?: Record<string, unknown> }[]; edges: { id: string; from: string; to: string; props?: Record<string, unknown> }[] };
    const mine = structuredClone(ref);
    // No cache, one replica, and an extra queue the reference does not need.
    mine.nodes = mine.nodes.filter((n) => n.id !== "codes-cache");
    mine.edges = mine.edges.filter((e) => e.to !== "codes-cache" && e.from !== "codes-cache");
    mine.nodes.find((n) => n.id === "redirects")!.props!.replicas = 1;
    mine.nodes.push({ id: "q", kind: "queue" });
    mine.edges.push({ id: "eq", from: "redirects", to: "q" });
    const evaluate = (d: unknown) => {
      const out = evaluateDesign(d);
      return out.ok ? out.result : null;
    };
    const diff = structuralDiff(mine as never, ref as never, evaluate);
    const missing = diff.items.find((i) => i.kind === "missing-node");
    expect(missing?.subject).toMatch(/^Cache/);
    expect(typeof missing?.points).toBe("number");
    const replicas = diff.items.find((i) => i.kind === "configured" && /Replicas/.test(i.text));
    expect(replicas?.text).toBe("Replicas: 3 in the reference, 1 in yours.");
    expect(replicas?.points).toBeGreaterThanOrEqual(0);
    expect(diff.items.some((i) => i.kind === "extra-node" && /^Queue/.test(i.subject))).toBe(true);
    expect(diff.referenceScore).toBe(evaluate(ref)?.score);
    // Same design → no differences.
    expect(structuralDiff(ref as never, ref as never, evaluate).items).toEqual([]);
  });

  it("names unnamed nodes by kind and region, never by id, and keeps acronyms in sentences", async () => {
    const { structuralDiff } = await import("@/lib/core/canvas/diff");
    const ref = structuredClone(shortener.reference) as never as { nodes: { id: string; kind: string; label?: string; region?: string }[]; edges: { id: string; from: string; to: string }[] };
    const mine = structuredClone(ref);
    // The DNS and the CDN go; the reference's own nodes keep their ids but lose their names.
    mine.nodes = mine.nodes.filter((n) => n.kind !== "dns" && n.kind !== "cdn");
    mine.edges = mine.edges.filter((e) => mine.nodes.some((n) => n.id === e.from) && mine.nodes.some((n) => n.id === e.to));
    for (const n of ref.nodes) delete n.label;
    const evaluate = (d: unknown) => {
      const out = evaluateDesign(d);
      return out.ok ? out.result : null;
    };
    const words = structuralDiff(mine as never, ref as never, evaluate).items.map((i) => `${i.subject} ${i.text}`).join("\n");
    expect(words).toContain("The reference has a CDN");
    expect(words).toContain("The reference has a DNS");
    expect(words).not.toMatch(/\((dns|cdn|lb|redirects)\)|a cdn|a dns/);
  });

  it("says a component once when its name only repeats its kind (never 'DNS (DNS)')", async () => {
    const { structuralDiff } = await import("@/lib/core/canvas/diff");
    const ref = structuredClone(shortener.reference) as never as { nodes: { id: string; kind: string; label?: string }[]; edges: { id: string; from: string; to: string }[] };
    const mine = structuredClone(ref);
    mine.nodes = mine.nodes.filter((n) => n.kind !== "dns" && n.kind !== "load_balancer");
    mine.edges = mine.edges.filter((e) => mine.nodes.some((n) => n.id === e.from) && mine.nodes.some((n) => n.id === e.to));
    for (const n of ref.nodes) if (n.kind === "load_balancer") n.label = "load balancer";
    const evaluate = (d: unknown) => {
      const out = evaluateDesign(d);
      return out.ok ? out.result : null;
    };
    const subjects = structuralDiff(mine as never, ref as never, evaluate).items.map((i) => i.subject);
    expect(subjects).toContain("DNS");
    expect(subjects.join("\n")).not.toMatch(/DNS \(DNS\)|Load balancer \(load balancer\)/i);
  });
});
