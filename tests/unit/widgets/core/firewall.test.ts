import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, moveRule, testPacket, toggleRule } from "@/lib/core/widgets/firewall/model";

describe("W11 firewall rules tester", () => {
  const rules = DEFAULT_RULES;
  it.each([
    ["inbound TCP 443", { direction: "inbound", protocol: "tcp", port: 443, source: "internet" }, "allow", 1],
    ["inbound TCP 22", { direction: "inbound", protocol: "tcp", port: 22, source: "internet" }, "deny", 3],
    ["inbound TCP 3306", { direction: "inbound", protocol: "tcp", port: 3306, source: "internet" }, "deny", null],
    ["inbound UDP 443", { direction: "inbound", protocol: "udp", port: 443, source: "internet" }, "deny", null],
    ["outbound TCP 6379", { direction: "outbound", protocol: "tcp", port: 6379, source: "internal" }, "allow", 6],
    ["inbound TCP 5432 from the internet", { direction: "inbound", protocol: "tcp", port: 5432, source: "internet" }, "deny", null],
    ["inbound TCP 5432 from inside", { direction: "inbound", protocol: "tcp", port: 5432, source: "internal" }, "allow", 4],
  ] as const)("%s", (_label, packet, action, rule) => {
    const v = testPacket(rules, packet);
    expect(v.action).toBe(action);
    expect(v.rule).toBe(rule);
  });

  it("inbound TCP 443 with rule 1 disabled falls to the default deny", () => {
    const v = testPacket(toggleRule(rules, "r1"), { direction: "inbound", protocol: "tcp", port: 443, source: "internet" });
    expect(v).toMatchObject({ action: "deny", rule: null });
    expect(v.explanation).toMatch(/default deny/);
  });

  it("first match wins, so order matters", () => {
    const denyAll = [{ id: "x", action: "deny" as const, direction: "inbound" as const, port: "any" as const, enabled: true, note: "block all" }, ...rules];
    expect(testPacket(denyAll, { direction: "inbound", protocol: "tcp", port: 443, source: "internet" })).toMatchObject({ action: "deny", rule: 1 });
    const moved = moveRule(denyAll, "x", 1);
    expect(moved[1]?.id).toBe("x");
    expect(testPacket(moved, { direction: "inbound", protocol: "tcp", port: 443, source: "internet" })).toMatchObject({ action: "allow", rule: 1 });
    expect(moveRule(rules, "r1", -1)).toEqual([...rules]);
  });
});
