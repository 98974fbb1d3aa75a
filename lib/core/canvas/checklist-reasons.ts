import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import type { Design, DesignNode } from "@/lib/core/evaluator/schema";
import { componentName } from "./kinds";
import { optionLabel } from "./labels";

// Why a checklist item failed, in words, from the scored document: the evaluator says which nodes fail; this
// says what about them fails (including settings that hide behind another one, like Vary: Accept-Encoding
// behind compression), why it matters, and what to change.

export type ChecklistReason = { what: string[]; why: string; change: string };

type Doc = Pick<Design, "nodes" | "edges">;

const name = (n: DesignNode | undefined, _id: string) => (n ? componentName(n) : "a component");

const WHY: Record<string, { why: string; change: string }> = {
  "private-services": {
    why: "Anything reachable from the internet can be scanned and attacked directly; only the entry point should be public.",
    change: "Put services and data stores in the private or data zone, call them only through the load balancer or gateway, and turn off public access on databases.",
  },
  "edge-tls": {
    why: "Without TLS at the entry point, traffic crosses the internet readable and changeable, and browsers warn on self-signed or hand-renewed certificates that lapse.",
    change: "Turn on TLS termination at the entry point (CDN, load balancer or gateway) with a managed certificate.",
  },
  "edge-http2": {
    why: "HTTP/1.1 sends one request at a time per connection, so browsers open several connections and pay their handshakes again.",
    change: "Set the entry point's HTTP version to HTTP/2 or HTTP/3.",
  },
  "bounded-pools": {
    why: "An unbounded pool opens a new database connection for every burst, until the database runs out of connections and refuses everyone.",
    change: "Give every connection to a database a pool size, and keep the sum of pools (times replicas) under the database's connection limit.",
  },
  "keep-alive": {
    why: "Without connection reuse every internal call pays a new TCP (and TLS) handshake before it can start.",
    change: "Turn on keep-alive (or a pool size) on internal HTTP and gRPC connections.",
  },
  "dns-ttl": {
    why: "A very short TTL sends every client back to the resolvers; a very long one means a failover or move takes hours to reach users.",
    change: `Set the DNS TTL between ${DEFAULTS.dns.goodTtlMinSeconds} s and ${DEFAULTS.dns.goodTtlMaxSeconds} s (60–300 s is typical).`,
  },
  "global-entry": {
    why: "Users in other regions pay an ocean-crossing round trip for every handshake when they connect straight to one region.",
    change: "Put a CDN in front, or use geolocation or anycast DNS routing so each user reaches a nearby entry point.",
  },
  "cors-origins": {
    why: "A wildcard CORS policy lets any website call your API from a visitor's browser.",
    change: "List the exact origins that may call the API instead of *.",
  },
  "tls-versions": {
    why: "TLS 1.0 and 1.1 have known weaknesses and are refused by current browsers and compliance rules.",
    change: "Set the minimum TLS version to 1.2 (or 1.3) on every terminating node and internal TLS connection.",
  },
  compression: {
    why: "Uncompressed text responses take several times longer to transfer; compressed ones without Vary: Accept-Encoding can be served by a cache to a client that cannot decode them.",
    change: "Choose gzip or Brotli compression and also turn on Vary: Accept-Encoding at the entry point.",
  },
};

function details(id: string, nodeIds: string[], doc: Doc): string[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const nodes = nodeIds.map((nid) => ({ nid, n: byId.get(nid) }));
  const props = (n: DesignNode | undefined) => (n?.props ?? {}) as Record<string, unknown>;
  switch (id) {
    case "private-services":
      return nodes.map(({ nid, n }) => {
        if (n?.zone === "public") return `${name(n, nid)} is in the public zone.`;
        if (n?.kind === "database" && props(n).publicAccess === true) return `${name(n, nid)} has public access turned on.`;
        return `${name(n, nid)} is called straight from a client, so it must be reachable from the internet.`;
      });
    case "edge-tls":
      return nodes.map(({ nid, n }) => {
        const p = props(n);
        if (!n || !["cdn", "load_balancer", "gateway"].includes(n.kind)) return `Clients connect straight to ${name(n, nid)}, which cannot terminate TLS.`;
        if (p.tlsTermination !== true) return `${name(n, nid)} does not terminate TLS (TLS termination is off).`;
        return `${name(n, nid)} uses a ${optionLabel("certificate", String(p.certificate)).toLowerCase()} certificate, not a managed one.`;
      });
    case "edge-http2":
      return nodes.map(({ nid, n }) => `Clients speak HTTP/1.1 to ${name(n, nid)}.`);
    case "bounded-pools":
      return nodes.map(({ nid, n }) =>
        n?.kind === "database"
          ? `The pools towards ${name(n, nid)} can open more connections than it accepts.`
          : `${name(n, nid)} calls a database without a pool size.`,
      );
    case "keep-alive":
      return nodes.map(({ nid, n }) => `${name(n, nid)} makes internal calls without keep-alive.`);
    case "dns-ttl":
      return nodes.map(({ nid, n }) => `${name(n, nid)} has a TTL of ${String(props(n).ttlSeconds ?? DEFAULTS.dns.ttlSeconds)} s.`);
    case "global-entry":
      return nodes.map(({ nid, n }) => `Clients in other regions reach ${name(n, nid)} directly, without a CDN or geolocation/anycast DNS.`);
    case "cors-origins":
      return nodes.map(({ nid, n }) => `${name(n, nid)} allows any origin (*).`);
    case "tls-versions":
      return nodes.map(({ nid, n }) => `${name(n, nid)} still accepts TLS ${String(props(n).minTls ?? "1.0/1.1")}.`);
    case "compression":
      return nodes.map(({ nid, n }) => {
        const p = props(n);
        const compression = (p.compression as string | undefined) ?? "none";
        if (compression === "none") return `${name(n, nid)} sends responses uncompressed.`;
        return `${name(n, nid)} compresses with ${optionLabel("compression", compression)} but "Vary: Accept-Encoding" is off (a second setting under compression).`;
      });
    default:
      return nodes.map(({ nid, n }) => `${name(n, nid)} fails this item.`);
  }
}

/** What failed, why it matters and what to change, for one failing checklist item of a scored document. */
export function checklistReason(id: string, nodeIds: string[], doc: Doc | null): ChecklistReason {
  const base = WHY[id] ?? { why: "This item of the network design checklist is not met.", change: "See the checklist chapter." };
  return { what: doc ? details(id, nodeIds, doc) : [], ...base };
}
