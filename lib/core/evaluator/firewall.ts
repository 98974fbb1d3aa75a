import type { FirewallRule } from "./schema";

// A generic ordered firewall / network ACL: rules are checked top to bottom and the first match decides;
// nothing matching → the default action. (AWS security groups are different: allow-only, stateful and
// unordered — content brief Part 4, note 18.)

export type Packet = {
  direction: "inbound" | "outbound";
  protocol: "tcp" | "udp";
  port: number;
  /** "internet", "internal" or a concrete IPv4 address. */
  source: string;
};

export type FirewallVerdict = {
  action: "allow" | "deny";
  /** Index of the rule that decided, or null when the default action applied. */
  matchedRule: number | null;
};

/** A public documentation address standing in for "the internet" (RFC 5737 TEST-NET-3). */
export const INTERNET_ADDRESS = "203.0.113.10";
/** A private address standing in for "internal" (RFC 1918). */
export const INTERNAL_ADDRESS = "10.0.0.10";

/** Parses dotted-quad IPv4 into an unsigned 32-bit integer; undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const o = Number(p);
    if (o > 255) return undefined;
    v = v * 256 + o;
  }
  return v >>> 0;
}

/** Whether an IPv4 address lies in a CIDR block such as 10.0.0.0/8 (RFC 4632). */
export function cidrContains(cidr: string, address: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const ip = parseIpv4(address);
  const net = parseIpv4(base ?? "");
  const bits = Number(bitsText);
  if (ip === undefined || net === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  if (bits === 0) return true;
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return (ip & mask) >>> 0 === (net & mask) >>> 0;
}

const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8"];

/** Whether an address is private (RFC 1918 or loopback): what "internal" means for a rule. */
export function isPrivateAddress(address: string): boolean {
  return PRIVATE_BLOCKS.some((b) => cidrContains(b, address));
}

function sourceAddress(source: string): string {
  if (source === "internet") return INTERNET_ADDRESS;
  if (source === "internal") return INTERNAL_ADDRESS;
  return source;
}

/** Whether a rule's source ("internet", "internal", "any", a CIDR, or absent = any) matches an address. */
export function sourceMatches(ruleSource: string | undefined, packetSource: string): boolean {
  const addr = sourceAddress(packetSource);
  if (ruleSource === undefined || ruleSource === "any") return true;
  if (ruleSource === "internet") return !isPrivateAddress(addr);
  if (ruleSource === "internal") return isPrivateAddress(addr);
  return cidrContains(ruleSource, addr);
}

/** Whether a rule's port (number, "any", "a-b" range, or absent = any) matches a port. */
export function portMatches(rulePort: FirewallRule["port"], port: number): boolean {
  if (rulePort === undefined || rulePort === "any") return true;
  if (typeof rulePort === "number") return rulePort === port;
  const [lo, hi] = rulePort.split("-").map(Number);
  return lo !== undefined && hi !== undefined && port >= lo && port <= hi;
}

/**
 * Evaluates a packet against ordered rules: the first enabled rule whose direction, protocol, port and
 * source all match decides; otherwise the default action (deny unless told otherwise). Rule indices are
 * 0-based positions in `rules`. Source: content brief 12.1 (ordered first-match firewall / NACL).
 */
export function evaluateFirewall(
  rules: readonly FirewallRule[],
  packet: Packet,
  defaultAction: "allow" | "deny" = "deny",
): FirewallVerdict {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as FirewallRule;
    if (r.enabled === false) continue;
    if (r.direction !== packet.direction) continue;
    if ((r.protocol ?? "any") !== "any" && r.protocol !== packet.protocol) continue;
    if (!portMatches(r.port, packet.port)) continue;
    if (!sourceMatches(r.source, packet.source)) continue;
    return { action: r.action, matchedRule: i };
  }
  return { action: defaultAction, matchedRule: null };
}
