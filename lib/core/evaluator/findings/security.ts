import { corsWildcards, deprecatedTls, edgeTlsFailures } from "../checklist";
import { DB_PORTS } from "../defaults";
import { evaluateFirewall } from "../firewall";
import type { Graph } from "../graph";
import { zeroRttNonIdempotentEdges } from "../resilience";
import { defineRule, list } from "./rule";

// Security: what the internet can reach and what it can read or replay on the way.

const firewalls = (graph: Graph) => graph.nodes.filter((n) => n.kind === "firewall");

export const dbExposed = defineRule({
  id: "db-exposed",
  severity: "critical",
  category: "security",
  title: "Database reachable from the internet",
  fix: "Keep databases in a private subnet with no public address, turn Public access off, and allow the database port only from the application servers (internal source).",
  chapter: "/learn/edge-security#firewalls",
  detect: ({ nodeLabel, graph }) => {
    const exposedDb: string[] = [];
    const exposedReasons: string[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== "database") continue;
      if (n.props?.publicAccess === true) {
        exposedDb.push(n.id);
        exposedReasons.push(`${nodeLabel(n.id)} is open to the internet (public access is on)`);
      } else if (n.zone === "public") {
        exposedDb.push(n.id);
        exposedReasons.push(`${nodeLabel(n.id)} sits in the public zone`);
      }
      const port = DB_PORTS[(n.props?.engine ?? "postgres").toLowerCase()] ?? 5432;
      for (const fw of firewalls(graph)) {
        if (fw.kind !== "firewall") continue;
        const v = evaluateFirewall(
          fw.props?.rules ?? [],
          { direction: "inbound", protocol: "tcp", port, source: "internet" },
          fw.props?.defaultAction ?? "deny",
        );
        if (v.action === "allow") {
          exposedDb.push(n.id, fw.id);
          exposedReasons.push(
            `${nodeLabel(fw.id)} lets inbound TCP ${port} from the internet through (${v.matchedRule === null ? "default allow" : `rule ${v.matchedRule + 1}`})`,
          );
        }
      }
    }
    if (exposedDb.length === 0) return undefined;
    return {
      detail: `${exposedReasons.join("; ")}. Anyone on the internet can try passwords or exploits against it: this is how databases end up in breach reports.`,
      nodeIds: exposedDb,
      edgeIds: [],
      cap: 59,
      capReason: "a database reachable from the internet fails a design review whatever its latency.",
    };
  },
});

export const firewallDefaultAllow = defineRule({
  id: "firewall-default-allow",
  severity: "major",
  category: "security",
  title: "Firewall allows by default",
  fix: "Set the firewall's Default action to deny and list only what must be open (443, and 80 to redirect).",
  chapter: "/learn/edge-security#firewalls",
  detect: ({ nodeLabel, graph }) => {
    const allowByDefault = firewalls(graph)
      .filter((f) => f.kind === "firewall" && f.props?.defaultAction === "allow")
      .map((f) => f.id);
    if (allowByDefault.length === 0) return undefined;
    return {
      detail: `${list(allowByDefault.map(nodeLabel))} allow every packet no rule matches: an inbound TCP 3306 from the internet, which no rule mentions, is let through.`,
      nodeIds: allowByDefault,
      edgeIds: [],
    };
  },
});

export const sshOpen = defineRule({
  id: "ssh-open",
  severity: "critical",
  category: "security",
  title: "SSH open to the internet",
  fix: "Deny port 22 from the internet; reach machines through a VPN, a bastion host or a session manager.",
  chapter: "/learn/edge-security#firewalls",
  detect: ({ nodeLabel, graph }) => {
    const open: string[] = [];
    const why: string[] = [];
    for (const fw of firewalls(graph)) {
      if (fw.kind !== "firewall") continue;
      const v = evaluateFirewall(
        fw.props?.rules ?? [],
        { direction: "inbound", protocol: "tcp", port: 22, source: "internet" },
        fw.props?.defaultAction ?? "deny",
      );
      if (v.action === "allow") {
        open.push(fw.id);
        why.push(`${nodeLabel(fw.id)} (${v.matchedRule === null ? "default allow" : `rule ${v.matchedRule + 1}`})`);
      }
    }
    if (open.length === 0) return undefined;
    return {
      detail: `Inbound TCP 22 from the internet is allowed by ${why.join(", ")}. Exposed SSH is scanned within minutes of going live.`,
      nodeIds: open,
      edgeIds: [],
      cap: 69,
      capReason: "SSH open to the internet is an entry point for attackers.",
    };
  },
});

export const noEdgeTls = defineRule({
  id: "no-edge-tls",
  severity: "major",
  category: "security",
  title: "No TLS at the edge",
  fix: "Terminate TLS at the edge (CDN, load balancer or gateway) with a managed certificate, and redirect port 80 to 443.",
  chapter: "/learn/tls#termination",
  detect: ({ nodeLabel, graph }) => {
    const noTls = edgeTlsFailures(graph).filter((id) => {
      const n = graph.byId.get(id);
      const viaTls = (graph.inc.get(id) ?? []).some(
        (e) => graph.byId.get(e.from)?.kind === "client" && e.props.tls && e.props.tls !== "none",
      );
      const terminates =
        n &&
        (n.kind === "cdn" || n.kind === "load_balancer" || n.kind === "gateway") &&
        n.props?.tlsTermination === true;
      return !terminates && !viaTls;
    });
    if (noTls.length === 0) return undefined;
    return {
      detail: `Clients reach ${list(noTls.map(nodeLabel))} without TLS: requests and responses cross the internet in plaintext, readable and modifiable on the way.`,
      nodeIds: noTls,
      edgeIds: [],
      cap: 69,
      capReason: "a public service without HTTPS exposes every request and response.",
    };
  },
});

export const deprecatedTlsRule = defineRule({
  id: "deprecated-tls",
  severity: "major",
  category: "security",
  title: "Deprecated TLS versions allowed",
  fix: "Set Min TLS to 1.2 (better 1.3) everywhere.",
  chapter: "/learn/tls#hardening",
  detect: ({ nodeLabel, graph, edgeLabel }) => {
    const oldTls = deprecatedTls(graph);
    if (oldTls.nodeIds.length + oldTls.edgeIds.length === 0) return undefined;
    return {
      detail: `TLS 1.0/1.1 is still accepted by ${list([...oldTls.nodeIds.map(nodeLabel), ...oldTls.edgeIds.map(edgeLabel)])}; both are deprecated (RFC 8996) and allow downgrade attacks.`,
      nodeIds: oldTls.nodeIds,
      edgeIds: oldTls.edgeIds,
      cap: 79,
      capReason: "TLS 1.0/1.1 at the edge fails a security review (RFC 8996, PCI DSS).",
    };
  },
});

export const corsWildcard = defineRule({
  id: "cors-wildcard",
  severity: "major",
  category: "security",
  title: "CORS allows any origin",
  fix: "List the exact origins of your own front ends.",
  chapter: "/learn/edge-security#cors",
  detect: ({ nodeLabel, graph }) => {
    const cors = corsWildcards(graph);
    if (cors.nodeIds.length === 0) return undefined;
    return {
      detail: `${list(cors.nodeIds.map(nodeLabel))} allow any origin (*): scripts on any website can read these responses from your users' browsers.`,
      nodeIds: cors.nodeIds,
      edgeIds: [],
    };
  },
});

export const zeroRttNonIdempotent = defineRule({
  id: "zero-rtt-non-idempotent",
  severity: "major",
  category: "security",
  title: "0-RTT early data on a non-idempotent call",
  fix: "Allow 0-RTT only for idempotent requests (GET); use session resumption (1 RTT) for POST/PATCH.",
  chapter: "/learn/tls#handshake",
  detect: ({ graph, edgeLabel }) => {
    const zeroRtt = zeroRttNonIdempotentEdges(graph);
    if (zeroRtt.length === 0) return undefined;
    return {
      detail: `${list(zeroRtt.map((e) => `${edgeLabel(e.id)} ${e.props.method}`))} sends a non-idempotent request as 0-RTT early data, which an attacker can replay (RFC 8446 §8): one payment could run twice.`,
      nodeIds: [],
      edgeIds: zeroRtt.map((e) => e.id),
      cap: 79,
      capReason: "replayable early data on writes can repeat them.",
    };
  },
});
