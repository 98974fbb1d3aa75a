// The format's node kinds and the regions with RTT figures, apart from the zod schema (schema.ts) that uses them:
// the editor's script lists them without carrying zod.

export const KNOWN_REGIONS = [
  "us-east",
  "us-west",
  "eu-west",
  "eu-central",
  "ap-northeast",
  "ap-southeast",
  "sa-east",
] as const;

export const NODE_KINDS = [
  "client",
  "dns",
  "cdn",
  "load_balancer",
  "gateway",
  "service",
  "cache",
  "database",
  "queue",
  "worker",
  "object_storage",
  "external_api",
  "firewall",
  "nat_gateway",
] as const;
