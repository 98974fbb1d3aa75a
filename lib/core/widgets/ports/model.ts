import { mulberry32 } from "@/lib/core/util/prng";

// W8: endpoints are IP:port; which range a port falls in; random ephemeral client ports.

export const CLIENT_IP = "192.168.1.42";
/** A documentation address (RFC 5737) standing in for a public server. */
export const SERVER_IP = "198.51.100.34";

export type RangeId = "well-known" | "registered" | "ephemeral";
export const RANGES: readonly { id: RangeId; label: string; from: number; to: number; what: string }[] = [
  { id: "well-known", label: "Well-known", from: 0, to: 1023, what: "System services: HTTP, HTTPS, SSH, DNS." },
  { id: "registered", label: "Registered", from: 1024, to: 49_151, what: "Applications: databases, caches, dev servers." },
  { id: "ephemeral", label: "Ephemeral", from: 49_152, to: 65_535, what: "Temporary client ports, picked per connection." },
];

/** Linux picks client ports from a different default range (net.ipv4.ip_local_port_range). */
export const LINUX_EPHEMERAL = { from: 32_768, to: 60_999 } as const;

export type Service = { id: string; label: string; port: number; protocol: "TCP" | "UDP"; note?: string };
export const SERVICES: readonly Service[] = [
  { id: "https", label: "HTTPS", port: 443, protocol: "TCP" },
  { id: "http", label: "HTTP", port: 80, protocol: "TCP" },
  { id: "ssh", label: "SSH", port: 22, protocol: "TCP" },
  { id: "postgres", label: "PostgreSQL", port: 5432, protocol: "TCP" },
  { id: "mysql", label: "MySQL", port: 3306, protocol: "TCP" },
  { id: "redis", label: "Redis", port: 6379, protocol: "TCP" },
  { id: "dev", label: "Dev server", port: 3000, protocol: "TCP" },
  { id: "alt-http", label: "Alternative HTTP", port: 8080, protocol: "TCP" },
  { id: "dns", label: "DNS", port: 53, protocol: "UDP", note: "Added detail: DNS uses port 53, normally over UDP (TCP for large answers and zone transfers)." },
];

export function rangeOf(port: number): RangeId {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`Port ${port} is outside 0–65535`);
  if (port <= 1023) return "well-known";
  if (port <= 49_151) return "registered";
  return "ephemeral";
}

/** Draws the n-th ephemeral port from a seed: random-looking, reproducible, always inside the range. */
export function ephemeralPort(seed: number, roll: number, linux = false): number {
  const r = linux ? LINUX_EPHEMERAL : { from: 49_152, to: 65_535 };
  const rand = mulberry32(seed + roll * 7919);
  return r.from + Math.floor(rand() * (r.to - r.from + 1));
}

export function connectionLine(clientPort: number, service: Service): string {
  return `${CLIENT_IP}:${clientPort} → ${SERVER_IP}:${service.port} via ${service.protocol}`;
}
