import type { FormText } from "@/components/instructor/schema-form";

/** The problem form's words: every field of problemSchema gets a label that says what it is for and its unit. */
export const PROBLEM_FORM_TEXT: FormText = {
  labels: {
    slug: "Address name (lowercase words joined by hyphens; the problem lives at /practice/<this>)",
    title: "Title",
    summary: "Summary (one sentence for the problem list)",
    position: "Position in the problem list (0 comes first)",
    brief: "Brief (Markdown: what the interviewer hands the candidate)",
    functional: "Functional requirements (shown with the brief)",
    nonFunctional: "Non-functional requirements (shown with the brief)",
    scenario: "Load and service-level targets (fixed for candidates)",
    rps: "Average load (requests per second)",
    readRatio: "Share of reads (0–1; 0.9 = 90 %)",
    coldRatio: "Share of requests on a new connection (0–1)",
    targets: "Service-level targets",
    p99Ms: "p99 latency (ms)",
    availability: "Availability (0–1; 0.999 = 99.9 %)",
    clients: "Where the users are (one group per region)",
    region: "Region (for example us-east, eu-west)",
    share: "Share of the traffic (0–1; the groups add up to 1)",
    platform: "Platform",
    hints: "Hints (each links to the chapter section that teaches it)",
    href: "Chapter link (/learn/<chapter>#<section>)",
    requirements: "Requirements stage: the options a candidate picks from (at least 3 relevant, 2 out of scope)",
    key: "Short name (lowercase words joined by hyphens; keep it once candidates have answered)",
    text: "Text",
    kind: "Kind",
    relevant: "Part of this problem",
    why: "Why it is (or is not) part of the problem (shown after the stage)",
    estimates: "Estimates stage",
    facts: "Facts the candidate estimates from",
    answers: "Worked answers",
    qps: "Average queries per second (req/s)",
    peakQps: "Peak queries per second (req/s)",
    storagePerYearGb: "New storage per year (GB)",
    bandwidthMbps: "Peak outbound bandwidth (Mbit/s)",
    cacheGb: "Cache size (GB)",
    value: "Answer",
    working: "Worked calculation (shown after the stage)",
    followUps: "Follow-up rounds, in the order the interviewer asks them",
    prompt: "What the interviewer says",
    change: "What changes in the scenario",
    pass: "Pass bar under the changed scenario (empty: the problem’s own targets)",
    advice: "What a strong answer does (shown after the first submission, after these same words: start with what it does)",
    rubric: "Scoring rules for this problem",
    weights: "Weights",
    required: "Required checklist items",
    latency: "Latency (%)",
    reliability: "Reliability (%)",
    capacity: "Capacity (%)",
    security: "Security (%)",
    checklist: "Design checklist (%)",
  },
  singular: {
    functional: "Requirement",
    nonFunctional: "Requirement",
    clients: "User group",
    hints: "Hint",
    requirements: "Option",
    facts: "Fact",
    followUps: "Follow-up",
  },
  enums: { functional: "Functional", "non-functional": "Non-functional", web: "Web", mobile: "Mobile app" },
  longText: new Set(["brief", "why", "working", "prompt", "advice"]),
};

/** "followUps.0.change.1.factor" → "Follow-up 1 › change 2 › factor", for the list of problems above the form. */
export function describePath(path: readonly PropertyKey[]): string {
  const out: string[] = [];
  let parent = "";
  for (const part of path) {
    if (typeof part === "number") {
      const singular = PROBLEM_FORM_TEXT.singular?.[parent] ?? "Item";
      out[out.length - 1] = `${singular} ${part + 1}`;
    } else {
      const key = String(part);
      out.push((PROBLEM_FORM_TEXT.labels?.[key] ?? key).replace(/ \(.*\)$/, ""));
      parent = key;
    }
  }
  return out.join(" › ") || "The problem";
}
