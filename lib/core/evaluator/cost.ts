import type { NodeLoad } from "./capacity";
import { DEFAULTS } from "./defaults";
import type { Graph } from "./graph";
import { formatNumber } from "@/lib/core/util/format";
import { nodeParams } from "./params";
import { mapArray } from "@/lib/core/util/arrays";

// A monthly cost estimate (issue #12 item 16). Prices are public on-demand list prices of one cloud (AWS,
// us-east-1, 2025) for a typical size of each building block; they are assumptions, listed in the result,
// never facts about the candidate's bill. The estimate does not change the score.

/** Per-unit prices (USD) the estimate uses; each is listed in the result's cost.assumptions. */
export const PRICES = {
  hoursPerMonth: 730,
  instanceHour: 0.096, // a 2 vCPU / 8 GiB general-purpose instance (m6i.large) per service or worker replica
  databaseInstanceHour: 0.16, // a managed 2 vCPU database instance (db.m6g.large class), per primary, standby, replica
  cacheNodeHour: 0.149, // a managed in-memory cache node (cache.m6g.large)
  loadBalancerHour: 0.0225, // an application load balancer, before capacity units
  natGatewayHour: 0.045,
  gatewayPerMillion: 3.5, // managed API gateway (REST APIs), per million requests
  queuePerMillion: 0.4, // managed queue (SQS standard), per million requests
  objectStoragePerMillion: 0.4, // object storage GET requests (S3), per million
  dnsPerMillion: 0.4, // DNS queries (Route 53), per million
  cdnPerGb: 0.085, // CDN data transfer out (CloudFront, first 10 TB)
  egressPerGb: 0.09, // internet data transfer out of a region (first 10 TB)
} as const;

export type CostItem = { nodeId: string; what: string; monthlyUsd: number };
export type CostEstimate = {
  /** Sum of the items (USD per month). */
  monthlyUsd: number;
  /** Largest first, at most 40. */
  items: CostItem[];
  /** The unit prices and rules used (what to check against your own provider's prices). */
  assumptions: string[];
};

const SECONDS_PER_MONTH = PRICES.hoursPerMonth * 3600;

/** The managed services priced per request: the line item's words and its price in PRICES (USD per million). */
const PER_MILLION_REQUESTS = {
  gateway: { what: "API gateway requests", price: "gatewayPerMillion" },
  queue: { what: "queue requests", price: "queuePerMillion" },
  object_storage: { what: "object storage requests", price: "objectStoragePerMillion" },
  dns: { what: "DNS queries", price: "dnsPerMillion" },
} as const satisfies Record<string, { what: string; price: keyof typeof PRICES }>;
const MAX_ITEMS = 40;
const usd = (x: number) => Math.round(Math.min(Math.max(x, 0), 1e12) * 100) / 100;

/**
 * Monthly cost (USD) of running the design at the scenario's steady load: instance-hours for what runs
 * continuously (replicas × 730 h × hourly price; a database pays for its standby when it spans two zones, for
 * each read replica, and per shard), request prices for managed per-request services (requests per month =
 * rps × 2,628,000 s), and data transfer for responses leaving through the clients' edges (bytes × requests;
 * CDN price when the client reaches a CDN). Sources: the providers' public price lists, PRICES above.
 */
export function estimateCost(graph: Graph, loads: Map<string, NodeLoad>): CostEstimate {
  const items: CostItem[] = [];
  const P = PRICES;
  const rpsOf = (id: string) => {
    const l = loads.get(id);
    return l ? l.read + l.write : 0;
  };
  const perMonth = (rps: number) => rps * SECONDS_PER_MONTH;
  const hourly = (nodeId: string, what: string, count: number, price: number) => {
    if (count > 0) items.push({ nodeId, what, monthlyUsd: usd(count * price * P.hoursPerMonth) });
  };
  const perMillion = (nodeId: string, what: string, rps: number, price: number) => {
    if (rps > 0) items.push({ nodeId, what, monthlyUsd: usd((perMonth(rps) / 1e6) * price) });
  };
  for (const n of graph.nodes) {
    switch (n.kind) {
      case "service":
      case "worker":
        hourly(n.id, `${nodeParams(n).replicas} instance(s)`, nodeParams(n).replicas, P.instanceHour);
        break;
      case "database": {
        const shards = n.props?.shards ?? 1;
        const perShard = ((n.props?.zones ?? DEFAULTS.database.zones) >= 2 ? 2 : 1) + (n.props?.readReplicas ?? 0);
        hourly(n.id, `${shards * perShard} database instance(s)`, shards * perShard, P.databaseInstanceHour);
        break;
      }
      case "cache":
        hourly(n.id, `${nodeParams(n).replicas} cache node(s)`, nodeParams(n).replicas, P.cacheNodeHour);
        break;
      case "load_balancer":
        hourly(n.id, "load balancer", 1, P.loadBalancerHour);
        break;
      case "nat_gateway":
        hourly(n.id, "NAT gateway", 1, P.natGatewayHour);
        break;
      case "gateway":
      case "queue":
      case "object_storage":
      case "dns": {
        const { what, price } = PER_MILLION_REQUESTS[n.kind];
        perMillion(n.id, what, rpsOf(n.id), P[price]);
        break;
      }
      default:
        break;
    }
  }
  // Responses to clients: bytes × requests per month, at the CDN's or the region's egress price.
  for (const n of graph.nodes) {
    if (n.kind !== "client") continue;
    for (const e of graph.out.get(n.id) ?? []) {
      const to = graph.byId.get(e.to);
      if (!to || to.kind === "dns") continue;
      const l = loads.get(n.id);
      const share = graph.out.get(n.id)?.filter((x) => graph.byId.get(x.to)?.kind !== "dns").length ?? 1;
      const rps = l ? (l.read + l.write) / Math.max(1, share) : 0;
      const gb = (perMonth(rps) * (e.props.responseBytes ?? DEFAULTS.edge.responseBytes)) / 1e9;
      if (gb > 0)
        items.push({
          nodeId: to.id,
          what: `${formatNumber(gb)} GB to clients`,
          monthlyUsd: usd(gb * (to.kind === "cdn" ? P.cdnPerGb : P.egressPerGb)),
        });
    }
  }
  items.sort((a, b) => b.monthlyUsd - a.monthlyUsd || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  const total = usd(items.reduce((s, i) => s + i.monthlyUsd, 0));
  const external = mapArray(
    graph.nodes.filter((n) => n.kind === "external_api"),
    (n) => n.id,
  );
  return {
    monthlyUsd: total,
    items: items.slice(0, MAX_ITEMS),
    assumptions: [
      "On-demand list prices of AWS us-east-1 (2025), 730 hours a month; reserved or spot capacity costs 30–70 % less",
      `$${P.instanceHour}/h per service or worker replica (2 vCPU, 8 GiB)`,
      `$${P.databaseInstanceHour}/h per database instance: primary, its standby when it spans two zones, each read replica, per shard`,
      `$${P.cacheNodeHour}/h per cache node; $${P.loadBalancerHour}/h per load balancer (capacity units not counted); $${P.natGatewayHour}/h per NAT gateway`,
      `$${P.gatewayPerMillion} per million API gateway requests; $${P.queuePerMillion} per million queue requests; $${P.objectStoragePerMillion} per million object GETs; $${P.dnsPerMillion} per million DNS queries`,
      `Responses to clients: $${P.cdnPerGb}/GB through a CDN, $${P.egressPerGb}/GB straight from the region; traffic between your own nodes not counted`,
      ...(external.length > 0 ? [`Not priced: ${external.join(", ")} (external APIs bill by their own terms)`] : []),
    ],
  };
}
