import { describe, expect, it } from "vitest";
import { cidrContains, evaluateFirewall, isPrivateAddress, parseIpv4 } from "@/lib/core/evaluator/index";
import type { FirewallRule } from "@/lib/core/evaluator/schema";

// The material's rule set (content brief W11), with the source field added to rule 4.
const rules: FirewallRule[] = [
  { action: "allow", direction: "inbound", port: 443, protocol: "tcp" },
  { action: "allow", direction: "inbound", port: 80, protocol: "tcp" },
  { action: "deny", direction: "inbound", port: 22, protocol: "tcp" },
  { action: "allow", direction: "inbound", port: 5432, protocol: "tcp", source: "internal" },
  { action: "allow", direction: "outbound", port: 443, protocol: "tcp" },
  { action: "allow", direction: "outbound", port: 6379, protocol: "tcp" },
];

describe("ordered first-match firewall", () => {
  it.each([
    ["inbound", "tcp", 443, "internet", "allow", 0],
    ["inbound", "tcp", 22, "internet", "deny", 2],
    ["inbound", "tcp", 3306, "internet", "deny", null],
    ["inbound", "udp", 443, "internet", "deny", null],
    ["outbound", "tcp", 6379, "internal", "allow", 5],
    ["inbound", "tcp", 5432, "internet", "deny", null],
    ["inbound", "tcp", 5432, "internal", "allow", 3],
    ["inbound", "tcp", 5432, "10.1.2.3", "allow", 3],
    ["inbound", "tcp", 5432, "8.8.8.8", "deny", null],
  ] as const)("%s %s %i from %s → %s (rule %s)", (direction, protocol, port, source, action, matchedRule) => {
    expect(evaluateFirewall(rules, { direction, protocol, port, source })).toEqual({ action, matchedRule });
  });
  it("disabled rules are skipped; the default action applies when nothing matches", () => {
    const off = rules.map((r, i) => (i === 0 ? { ...r, enabled: false } : r));
    expect(evaluateFirewall(off, { direction: "inbound", protocol: "tcp", port: 443, source: "internet" })).toEqual({
      action: "deny",
      matchedRule: null,
    });
    expect(
      evaluateFirewall([], { direction: "inbound", protocol: "tcp", port: 1, source: "internet" }, "allow").action,
    ).toBe("allow");
  });
  it("first match wins over later rules", () => {
    const r: FirewallRule[] = [
      { action: "deny", direction: "inbound", protocol: "any", port: "any", source: "internet" },
      { action: "allow", direction: "inbound", protocol: "tcp", port: 443 },
    ];
    expect(evaluateFirewall(r, { direction: "inbound", protocol: "tcp", port: 443, source: "internet" }).action).toBe(
      "deny",
    );
    expect(evaluateFirewall(r, { direction: "inbound", protocol: "tcp", port: 443, source: "internal" }).action).toBe(
      "allow",
    );
  });
  it("port ranges and CIDR sources", () => {
    const r: FirewallRule[] = [
      { action: "allow", direction: "inbound", protocol: "tcp", port: "8000-8999", source: "192.168.0.0/16" },
    ];
    expect(
      evaluateFirewall(r, { direction: "inbound", protocol: "tcp", port: 8080, source: "192.168.4.4" }).action,
    ).toBe("allow");
    expect(
      evaluateFirewall(r, { direction: "inbound", protocol: "tcp", port: 9000, source: "192.168.4.4" }).action,
    ).toBe("deny");
    expect(
      evaluateFirewall(r, { direction: "inbound", protocol: "tcp", port: 8080, source: "192.169.0.1" }).action,
    ).toBe("deny");
  });
  it("CIDR arithmetic", () => {
    expect(parseIpv4("10.0.0.1")).toBe(167772161);
    expect(parseIpv4("256.0.0.1")).toBeUndefined();
    expect(parseIpv4("1.2.3")).toBeUndefined();
    expect(cidrContains("0.0.0.0/0", "203.0.113.10")).toBe(true);
    expect(cidrContains("10.0.0.0/8", "10.255.255.255")).toBe(true);
    expect(cidrContains("10.0.0.0/8", "11.0.0.0")).toBe(false);
    expect(cidrContains("172.16.0.0/12", "172.31.0.1")).toBe(true);
    expect(cidrContains("172.16.0.0/12", "172.32.0.1")).toBe(false);
    expect(cidrContains("1.2.3.4/32", "1.2.3.4")).toBe(true);
    expect(isPrivateAddress("192.168.1.1")).toBe(true);
    expect(isPrivateAddress("203.0.113.10")).toBe(false);
  });
});
