import * as availability from "./availability";
import * as capacity from "./capacity";
import * as data from "./data";
import * as latency from "./latency";
import * as resilience from "./resilience";
import { ruleContext, type Category, type FindingContext, type Severity } from "./rule";
import * as security from "./security";

// The finding registry. Each rule (one object in the file of its topic) declares its id, severity, category,
// title, fix, chapter and detect function; ids, links and titles below are derived from this list, never kept
// by hand beside it.

/**
 * Every rule, in the order findings of equal severity are listed: the spec's ids first
 * (shared/spec/design-format.md), then this evaluator's additions.
 */
export const FINDING_RULES = [
  security.dbExposed,
  security.firewallDefaultAllow,
  security.sshOpen,
  availability.noHealthCheck,
  availability.spof,
  capacity.overload,
  resilience.timeoutMissing,
  resilience.timeoutBudget,
  resilience.retryNonIdempotent,
  resilience.retryAmplificationRule,
  resilience.noCircuitBreaker,
  capacity.unboundedPool,
  capacity.lbAlgorithmMismatch,
  availability.dnsRoundRobinNoHealth,
  data.cacheNoTtl,
  resilience.natIdleTimeout,
  latency.targetP99Missed,
  availability.targetAvailabilityMissed,
  // Additions (the contract allows new findings).
  security.zeroRttNonIdempotent,
  capacity.poolExceedsMaxConnections,
  resilience.retryNoBackoff,
  capacity.highUtilization,
  capacity.rateLimitExceeded,
  data.unindexedQuery,
  latency.noKeepAlive,
  latency.crossRegionCall,
  latency.fanoutTail,
  security.noEdgeTls,
  security.deprecatedTlsRule,
  security.corsWildcard,
  availability.noClient,
  availability.noBackend,
  resilience.clientTimeoutMissing,
  data.staleReads,
  capacity.connectionCapacity,
  availability.cdnNoOrigin,
] as const;

export type FindingId = (typeof FINDING_RULES)[number]["id"];
export type { Category, FindingContext, Severity };

/** Every finding id the evaluator can raise, in registry order. */
export const FINDING_IDS: readonly FindingId[] = FINDING_RULES.map((r) => r.id);

const byId = <T>(pick: (rule: (typeof FINDING_RULES)[number]) => T) =>
  Object.fromEntries(FINDING_RULES.map((r) => [r.id, pick(r)])) as Record<FindingId, T>;

/** Finding id → chapter section that teaches the fix. */
export const FINDING_LINKS = byId((r) => r.chapter);

/** Severity, category and title of every finding id (the score's penalties follow from these). */
export const FINDING_META = byId((r) => ({ severity: r.severity, category: r.category, title: r.title }));

export type Finding = {
  id: FindingId;
  severity: Severity;
  title: string;
  detail: string;
  fix: string;
  nodeIds: string[];
  edgeIds: string[];
  chapter: string;
  /** Score category the finding counts against (an extension of the contract). */
  category: Category;
  /** Share of requests (0–1) the finding touches; scales its penalty (absent: all of them). */
  impact?: number;
  /** Highest score the design can get while this finding stands (a critical flaw caps the grade). */
  cap?: number;
  /** Why the finding caps the score (defaults to its detail). */
  capReason?: string;
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/**
 * Runs every rule of the registry over the evaluated design. One finding per id (its nodeIds/edgeIds list
 * every place it applies), sorted by severity then registry order. Each rule's source is in its detect
 * function and in docs/model.md.
 */
export function collectFindings(context: FindingContext): Finding[] {
  const ctx = ruleContext(context);
  const out: Finding[] = [];
  for (const rule of FINDING_RULES) {
    const d = rule.detect(ctx);
    if (!d) continue;
    const f: Finding = {
      id: rule.id,
      severity: d.severity ?? rule.severity,
      title: rule.title,
      detail: d.detail,
      fix: rule.fix,
      nodeIds: sorted(d.nodeIds),
      edgeIds: sorted(d.edgeIds),
      chapter: rule.chapter,
      category: rule.category,
    };
    if (d.impact !== undefined) f.impact = Math.round(Math.min(1, Math.max(0, d.impact)) * 1e4) / 1e4;
    if (d.cap !== undefined) f.cap = d.cap;
    if (d.capReason !== undefined) f.capReason = d.capReason;
    out.push(f);
  }
  // Stable: findings of equal severity keep registry order.
  out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return out;
}
