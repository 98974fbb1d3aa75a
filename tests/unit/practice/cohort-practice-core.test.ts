import { describe, expect, it } from "vitest";
import { problemBreakdown, type CandidateOutcome } from "@/lib/server/instructor/cohort-practice-core";

const outcome = (designScore: number | null, over: Partial<CandidateOutcome> = {}): CandidateOutcome => ({
  designScore,
  checklist: designScore === null ? null : [{ id: "edge-tls", status: "fail" }, { id: "compression", status: "pass" }, { id: "dns-ttl", status: "n/a" }],
  followUps: [],
  missing: designScore === null ? null : ["Cache (Codes cache)"],
  ...over,
});

describe("a problem's breakdown over its candidates", () => {
  it("bands scores by ten points, with 100 in the top band, and leaves unscored candidates out of the scores", () => {
    const b = problemBreakdown([outcome(100), outcome(95), outcome(41), outcome(0), outcome(null)], []);
    expect(b.candidates).toBe(5);
    expect(b.scored).toBe(4);
    expect(b.meanScore).toBe(59); // (100 + 95 + 41 + 0) / 4 = 59
    expect(b.medianScore).toBe(68); // (41 + 95) / 2
    expect(b.distribution.map((d) => d.count)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
    expect(b.distribution[9]).toMatchObject({ from: 90, to: 100 });
  });

  it("rates checklist failures over the designs the item applied to, and drops items that never applied", () => {
    const b = problemBreakdown([outcome(50), outcome(60, { checklist: [{ id: "edge-tls", status: "pass" }] }), outcome(null)], []);
    expect(b.checklist.map((c) => [c.id, c.failed])).toEqual([
      ["edge-tls", { count: 1, of: 2, percent: 50 }],
      ["compression", { count: 0, of: 1, percent: 0 }],
    ]);
    expect(b.checklist[0]).toMatchObject({ title: "TLS ends at the edge", href: "/learn/tls#termination" });
  });

  it("counts follow-up passes among those who answered, first answer and after changes, and missing components per design", () => {
    const rounds = [{ key: "spike", title: "Traffic × 10" }, { key: "region", title: "A region is down" }];
    const b = problemBreakdown(
      [
        outcome(50, { followUps: [{ key: "spike", firstPassed: false, lastPassed: true }], missing: ["Cache (Codes cache)", "Load balancer (Edge)"] }),
        outcome(70, { followUps: [{ key: "spike", firstPassed: true, lastPassed: true }], missing: [] }),
        outcome(null),
      ],
      rounds,
    );
    expect(b.followUps[0]).toMatchObject({ passedFirst: { count: 1, of: 2, percent: 50 }, passedEnd: { count: 2, of: 2, percent: 100 } });
    expect(b.followUps[1]).toMatchObject({ passedFirst: { count: 0, of: 0 } });
    expect(b.missing).toEqual([
      { component: "Cache (Codes cache)", missed: { count: 1, of: 2, percent: 50 } },
      { component: "Load balancer (Edge)", missed: { count: 1, of: 2, percent: 50 } },
    ]);
  });
});
