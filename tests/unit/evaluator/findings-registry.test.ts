import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDING_LINKS, FINDING_META, FINDING_RULES } from "@/lib/core/evaluator/index";
import * as availability from "@/lib/core/evaluator/findings/availability";
import * as capacity from "@/lib/core/evaluator/findings/capacity";
import * as data from "@/lib/core/evaluator/findings/data";
import * as latency from "@/lib/core/evaluator/findings/latency";
import * as resilience from "@/lib/core/evaluator/findings/resilience";
import * as security from "@/lib/core/evaluator/findings/security";

// The registry is the only list of findings: a rule written in a topic file but left out of it would never run.

const topicFiles = { availability, capacity, data, latency, resilience, security };

describe("finding registry", () => {
  it("holds every rule each topic file declares, once", () => {
    const declared = Object.values(topicFiles).flatMap((m) => Object.values(m));
    expect(new Set(FINDING_RULES)).toEqual(new Set(declared));
    expect(FINDING_RULES).toHaveLength(declared.length);
  });

  it("has unique ids, and the id list, links and titles come from it", () => {
    expect(new Set(FINDING_IDS).size).toBe(FINDING_RULES.length);
    for (const rule of FINDING_RULES) {
      expect(FINDING_LINKS[rule.id]).toBe(rule.chapter);
      expect(FINDING_META[rule.id]).toEqual({ severity: rule.severity, category: rule.category, title: rule.title });
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.fix).toMatch(/\.$/);
    }
  });
});
