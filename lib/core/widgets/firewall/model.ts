import { evaluateFirewall, type Packet } from "@/lib/core/evaluator/firewall";
import type { FirewallRule } from "@/lib/core/evaluator/schema";

// W11: a generic ordered firewall / network ACL. Matching is the evaluator's evaluateFirewall, so this
// widget and a design score never disagree about a packet.

export type WidgetRule = FirewallRule & { id: string; enabled: boolean };

export const DEFAULT_RULES: readonly WidgetRule[] = [
  { id: "r1", action: "allow", direction: "inbound", port: 443, protocol: "tcp", enabled: true, note: "HTTPS web traffic" },
  { id: "r2", action: "allow", direction: "inbound", port: 80, protocol: "tcp", enabled: true, note: "HTTP web traffic" },
  { id: "r3", action: "deny", direction: "inbound", port: 22, protocol: "tcp", enabled: true, note: "SSH (block external access)" },
  { id: "r4", action: "allow", direction: "inbound", port: 5432, protocol: "tcp", source: "internal", enabled: true, note: "PostgreSQL (internal only)" },
  { id: "r5", action: "allow", direction: "outbound", port: 443, protocol: "tcp", enabled: true, note: "Calls to external APIs" },
  { id: "r6", action: "allow", direction: "outbound", port: 6379, protocol: "tcp", enabled: true, note: "Redis cache (internal only)" },
];

export type TestPacket = { direction: Packet["direction"]; protocol: Packet["protocol"]; port: number; source: "internet" | "internal" };

export type Verdict = { action: "allow" | "deny"; /** 1-based position of the deciding rule, null for the default deny. */ rule: number | null; ruleId: string | null; explanation: string };

export function testPacket(rules: readonly WidgetRule[], packet: TestPacket): Verdict {
  const v = evaluateFirewall(rules, packet, "deny");
  if (v.matchedRule === null) {
    return { action: "deny", rule: null, ruleId: null, explanation: "No rule matched, so the default deny applies." };
  }
  const r = rules[v.matchedRule] as WidgetRule;
  const pos = v.matchedRule + 1;
  return { action: v.action, rule: pos, ruleId: r.id, explanation: `Rule ${pos} (${r.note ?? "no note"}) is the first match, so it decides: ${v.action.toUpperCase()}.` };
}

export function toggleRule(rules: readonly WidgetRule[], id: string): WidgetRule[] {
  return rules.map((r) => (r.id === id ? { ...r, enabled: !r.enabled } : r));
}

/** Moves a rule up (−1) or down (+1); order matters because the first match wins. */
export function moveRule(rules: readonly WidgetRule[], id: string, delta: -1 | 1): WidgetRule[] {
  const i = rules.findIndex((r) => r.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= rules.length) return [...rules];
  const next = [...rules];
  [next[i], next[j]] = [next[j] as WidgetRule, next[i] as WidgetRule];
  return next;
}

/** The brief's test packets with their expected verdicts, offered as one-click presets. */
export const PRESETS: readonly { label: string; packet: TestPacket; disable?: string }[] = [
  { label: "Inbound TCP 443", packet: { direction: "inbound", protocol: "tcp", port: 443, source: "internet" } },
  { label: "Inbound TCP 22", packet: { direction: "inbound", protocol: "tcp", port: 22, source: "internet" } },
  { label: "Inbound TCP 3306", packet: { direction: "inbound", protocol: "tcp", port: 3306, source: "internet" } },
  { label: "Inbound UDP 443", packet: { direction: "inbound", protocol: "udp", port: 443, source: "internet" } },
  { label: "Outbound TCP 6379", packet: { direction: "outbound", protocol: "tcp", port: 6379, source: "internal" } },
  { label: "Inbound TCP 5432 from the internet", packet: { direction: "inbound", protocol: "tcp", port: 5432, source: "internet" } },
  { label: "Inbound TCP 5432 from an app server", packet: { direction: "inbound", protocol: "tcp", port: 5432, source: "internal" } },
];

export const RECOMMENDED: readonly string[] = [
  "443 open to everyone.",
  "80 open only to redirect to 443.",
  "22 closed to the internet: reach servers through a VPN or a bastion host.",
  "5432 only from the app servers' addresses.",
  "3306 (and any database port) never public. A database left open to 0.0.0.0/0 is found by scanners within hours.",
];

export function describeRule(r: WidgetRule): string {
  const src = r.source === "internal" ? "from internal addresses" : r.source === "internet" ? "from the internet" : r.source ? `from ${r.source}` : "from anywhere";
  return `${r.action.toUpperCase()} ${r.direction} ${(r.protocol ?? "any").toUpperCase()} ${r.port ?? "any"} ${src}`;
}
