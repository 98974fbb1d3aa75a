import { cidrContains, isPrivateAddress, parseIpv4 } from "@/lib/core/evaluator/firewall";

// W19: a CIDR calculator and a longest-prefix-match routing table. Address parsing and containment are the
// evaluator's (the firewall check uses the same functions), so "is this address in that block" has one answer.

export type CidrInfo = {
  /** The block as typed, normalised to its network address (e.g. 10.0.1.5/24 → 10.0.1.0/24). */
  cidr: string;
  prefix: number;
  mask: string;
  network: string;
  broadcast: string;
  addresses: number;
  usableHosts: number;
  firstUsable: string;
  lastUsable: string;
  /** The typed address had host bits set; the block is really `cidr`. */
  hostBitsSet: boolean;
  privateRange: string | undefined;
  note: string | undefined;
};

export type CidrResult = { ok: true; info: CidrInfo } | { ok: false; error: string };

export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

export function formatIpv4(v: number): string {
  const x = v >>> 0;
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join(".");
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses "a.b.c.d/n" and explains the block; errors name what is wrong. */
export function parseCidr(text: string): CidrResult {
  const trimmed = text.trim();
  const m = /^([^/\s]+)\/(\d{1,2})$/.exec(trimmed);
  if (!m) return { ok: false, error: "Write the block as an address, a slash and a prefix length, for example 10.0.0.0/16." };
  const ip = parseIpv4(m[1] as string);
  if (ip === undefined) return { ok: false, error: `"${m[1]}" is not an IPv4 address: use four numbers from 0 to 255 separated by dots.` };
  const prefix = Number(m[2]);
  if (prefix > 32) return { ok: false, error: "The prefix length must be between 0 and 32." };
  const mask = maskOf(prefix);
  const network = (ip & mask) >>> 0;
  const size = 2 ** (32 - prefix);
  const broadcast = (network + size - 1) >>> 0;
  let usableHosts: number;
  let first: number;
  let last: number;
  let note: string | undefined;
  if (prefix === 32) {
    usableHosts = 1;
    first = network;
    last = network;
    note = "A /32 is exactly one host: routes and firewall rules use it to name a single machine.";
  } else if (prefix === 31) {
    usableHosts = 2;
    first = network;
    last = broadcast;
    note = "A /31 has no network or broadcast address: both ends of a point-to-point link use it (RFC 3021).";
  } else {
    usableHosts = size - 2;
    first = network + 1;
    last = broadcast - 1;
  }
  if (prefix === 0) note = "0.0.0.0/0 contains every IPv4 address: as a route it is the default route.";
  const cidr = `${formatIpv4(network)}/${prefix}`;
  const privateRange = PRIVATE_RANGES.find((r) => {
    const rp = Number(r.split("/")[1]);
    return rp <= prefix && cidrContains(r, formatIpv4(network));
  });
  return {
    ok: true,
    info: {
      cidr,
      prefix,
      mask: formatIpv4(mask),
      network: formatIpv4(network),
      broadcast: formatIpv4(broadcast),
      addresses: size,
      usableHosts,
      firstUsable: formatIpv4(first),
      lastUsable: formatIpv4(last),
      hostBitsSet: network !== ip,
      privateRange,
      note,
    },
  };
}

export type Route = { cidr: string; target: string };

export const DEFAULT_ROUTES: Route[] = [
  { cidr: "0.0.0.0/0", target: "Internet gateway (default route)" },
  { cidr: "10.0.0.0/16", target: "Local: the VPC" },
  { cidr: "10.0.3.0/24", target: "Data subnet route table" },
  { cidr: "10.0.3.20/32", target: "Database host, pinned" },
  { cidr: "192.0.2.0/24", target: "VPN to the office" },
];

export type RouteMatch = Route & { prefix: number; matches: boolean };

export type RouteDecision =
  | { ok: true; destination: string; rows: RouteMatch[]; winner: RouteMatch | undefined; privateDestination: boolean }
  | { ok: false; error: string };

/**
 * Longest-prefix match: of all routes whose block contains the destination, the one with the most fixed
 * bits wins; 0.0.0.0/0 matches everything and so only wins when nothing more specific does.
 */
export function routeFor(destination: string, routes: readonly Route[]): RouteDecision {
  const dest = destination.trim();
  if (parseIpv4(dest) === undefined) return { ok: false, error: `"${dest}" is not an IPv4 address: use four numbers from 0 to 255 separated by dots.` };
  const rows: RouteMatch[] = routes.map((r) => {
    const prefix = Number(r.cidr.split("/")[1]);
    return { ...r, prefix, matches: cidrContains(r.cidr, dest) };
  });
  let winner: RouteMatch | undefined;
  for (const r of rows) if (r.matches && (!winner || r.prefix > winner.prefix)) winner = r;
  return { ok: true, destination: dest, rows, winner, privateDestination: isPrivateAddress(dest) };
}

/** Validates a route before it joins the table; returns the normalised route or an error naming the field. */
export function normaliseRoute(cidrText: string, target: string, existing: readonly Route[]): { ok: true; route: Route } | { ok: false; field: "cidr" | "target"; error: string } {
  const parsed = parseCidr(cidrText);
  if (!parsed.ok) return { ok: false, field: "cidr", error: parsed.error };
  const name = target.trim();
  if (name.length === 0) return { ok: false, field: "target", error: "Name where the route sends traffic, for example \"NAT gateway\"." };
  if (name.length > 60) return { ok: false, field: "target", error: "Keep the target under 60 characters." };
  if (existing.some((r) => r.cidr === parsed.info.cidr)) return { ok: false, field: "cidr", error: `${parsed.info.cidr} is already in the table.` };
  return { ok: true, route: { cidr: parsed.info.cidr, target: name } };
}

export const CIDR_EXAMPLES = ["10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24", "10.0.1.0/28", "10.0.3.20/32"] as const;
