import { NODES, lookup, initialDnsState } from "@/lib/core/widgets/dns/model";
import { DEFAULT_RULES, PRESETS, testPacket } from "@/lib/core/widgets/firewall/model";
import { METHODS, METHOD_INFO, STATUS_FAMILIES, isIdempotent, isSafe } from "@/lib/core/widgets/http-methods/model";
import { ALGORITHMS, defaultConfig, runLoadBalancer } from "@/lib/core/widgets/load-balancer/model";
import { DEFAULT_ORDER, MIDDLEWARE } from "@/lib/core/widgets/middleware/model";
import { DEVICE_IP, PUBLIC_IP } from "@/lib/core/widgets/nat/model";
import { OSI_LAYERS, TCPIP_LAYERS } from "@/lib/core/widgets/osi/model";
import { CLIENT_IP, RANGES, SERVER_IP, SERVICES, rangeOf } from "@/lib/core/widgets/ports/model";
import { LAYERS } from "@/lib/core/widgets/caching/model";
import { handshakeSteps } from "@/lib/core/widgets/tcp-handshake/model";
import { ATTACKS, tlsFlow } from "@/lib/core/widgets/tls/model";
import { COMPARISON, SCENARIOS } from "@/lib/core/widgets/transport/model";
import { Table } from "@/components/ui/table";
import { WIDGET_TABLE, WidgetBox } from "./ui";

// The server-rendered versions: the same facts as the interactive widgets, readable before (or without)
// JavaScript. Each is a plain server component.

const Note = ({ children }: { children: string }) => <p className="text-xs text-slate-600 dark:text-slate-400">{children}</p>;

export function OsiStatic() {
  return (
    <WidgetBox label="OSI and TCP/IP layers">
      <Table {...WIDGET_TABLE}
        caption="OSI layers and their TCP/IP equivalents"
        columns={["OSI layer", "Examples", "TCP/IP layer"]}
        rows={OSI_LAYERS.map((l) => [`L${l.number} ${l.name}`, l.protocols.join(", "), TCPIP_LAYERS.find((t) => t.osi.includes(l.number))?.name ?? ""])}
      />
      <Note>Daily backend work lives at L4 and L7. The interactive version adds layer details and an encapsulation walk-through.</Note>
    </WidgetBox>
  );
}

export function TcpUdpStatic() {
  return (
    <WidgetBox label="TCP versus UDP">
      <Table {...WIDGET_TABLE} caption="Which protocol fits each scenario" columns={["Scenario", "Use", "Why"]} rows={SCENARIOS.map((s) => [s.label, s.best.toUpperCase(), s.why])} />
      <Table {...WIDGET_TABLE} caption="TCP and UDP compared" columns={["", "TCP", "UDP"]} rows={COMPARISON.map((c) => [c.feature, c.tcp, c.udp])} />
    </WidgetBox>
  );
}

export function TcpHandshakeStatic() {
  const steps = handshakeSteps({ clientIsn: 1000, serverIsn: 5000 });
  return (
    <WidgetBox label="TCP handshake and teardown">
      <Table {...WIDGET_TABLE}
        caption="Every step of a TCP connection"
        columns={["Step", "Segment", "Client", "Server"]}
        rows={steps.map((s) => [
          `${s.index + 1}. ${s.title}`,
          s.segment ? `${s.segment.from === "client" ? "→" : "←"} ${s.segment.flags}${s.segment.seq !== undefined ? ` seq=${s.segment.seq}` : ""}${s.segment.ack !== undefined ? ` ack=${s.segment.ack}` : ""}` : "–",
          s.client,
          s.server,
        ])}
      />
    </WidgetBox>
  );
}

export function DnsStatic({ repeat = false }: { repeat?: boolean }) {
  const first = lookup(initialDnsState(), { type: "A", ttl: 300 });
  const second = lookup(first.state, { type: "A", ttl: 300 });
  return (
    <WidgetBox label="DNS resolution">
      <ol className="list-decimal space-y-0.5 pl-5">
        {NODES.map((n) => (
          <li key={n.id}>
            <span className="font-medium">{n.label}:</span> {n.caption}
          </li>
        ))}
      </ol>
      <p>
        {repeat ? "Repeat visit" : "First visit"}: {repeat ? `answered by the ${second.answeredBy} in ${second.elapsedMs} ms` : `${first.elapsedMs} ms, walking root, TLD and authoritative`}. A cold
        lookup takes 20–120 ms; a cached one under 1 ms.
      </p>
    </WidgetBox>
  );
}

export function DnsRepeatStatic() {
  return <DnsStatic repeat />;
}

export function HttpMethodsStatic() {
  return (
    <WidgetBox label="HTTP methods and status codes">
      <Table {...WIDGET_TABLE} caption="Methods" columns={["Method", "Purpose", "Safe", "Idempotent"]} rows={METHODS.map((m) => [m, METHOD_INFO[m].purpose, isSafe(m) ? "yes" : "no", isIdempotent(m) ? "yes" : "no"])} />
      <Table {...WIDGET_TABLE} caption="Status code families" columns={["Family", "Codes"]} rows={STATUS_FAMILIES.map((f) => [`${f.family} ${f.label}`, f.codes.map((c) => `${c.code} ${c.name}`).join(", ")])} />
    </WidgetBox>
  );
}

export function TlsStatic() {
  const flow = tlsFlow("1.3", false);
  return (
    <WidgetBox label="TLS 1.3 handshake">
      <ol className="list-decimal space-y-0.5 pl-5">
        {flow.steps.map((s) => (
          <li key={s.title}>
            <span className="font-medium">{s.title}:</span> {s.carries.join("; ")}
          </li>
        ))}
      </ol>
      <p>{flow.note} TLS 1.2 needs 2 RTT; a returning visitor can use 0-RTT with TLS 1.3.</p>
      <Table {...WIDGET_TABLE} caption="Attacks prevented" columns={["Attack", "Stopped by"]} rows={ATTACKS.map((a) => [a.name, a.stoppedBy])} />
    </WidgetBox>
  );
}

export function NatStatic() {
  return (
    <WidgetBox label="NAT">
      <p>
        Your device {DEVICE_IP} → router → ISP → internet. The router rewrites the private source {DEVICE_IP}:52341 to its public address {PUBLIC_IP}:40001, remembers the pair in its
        translation table, and rewrites replies back. Unsolicited inbound connections are dropped unless a port-forwarding rule exists. Idle mappings expire after 30–300 s; keep-alives
        shorter than the timeout keep them alive.
      </p>
    </WidgetBox>
  );
}

export function PortsStatic() {
  return (
    <WidgetBox label="Ports">
      <p className="font-mono text-xs">
        {CLIENT_IP}:52341 → {SERVER_IP}:443 via TCP
      </p>
      <Table {...WIDGET_TABLE} caption="Port ranges" columns={["Range", "Ports", "Used for"]} rows={RANGES.map((r) => [r.label, `${r.from}–${r.to}`, r.what])} />
      <Table {...WIDGET_TABLE} caption="Common services" columns={["Service", "Port", "Range"]} rows={SERVICES.map((s) => [s.label, String(s.port), rangeOf(s.port)])} />
    </WidgetBox>
  );
}

export function LoadBalancerStatic() {
  const run = runLoadBalancer(defaultConfig());
  return (
    <WidgetBox label="Load balancer">
      <p>Round robin over servers A–D with 12 requests: {run.servers.map((s) => `${s.name} ${s.count}`).join(", ")}.</p>
      <Table {...WIDGET_TABLE} caption="Algorithms" columns={["Algorithm", "How it picks"]} rows={ALGORITHMS.map((a) => [a.label, a.description])} />
    </WidgetBox>
  );
}

export function LoadBalancerFlowStatic() {
  return (
    <WidgetBox label="Load-balancer flow">
      <p>
        Clients → one balancer → App 1, App 2, App 3. Requests take turns (round robin); when a backend dies, its share goes to the healthy ones, and adding a backend spreads the
        load further (horizontal scaling).
      </p>
    </WidgetBox>
  );
}

export function CachingStatic() {
  return (
    <WidgetBox label="Caching layers">
      <Table {...WIDGET_TABLE} caption="Cache layers in lookup order" columns={["Layer", "Latency", "Where it lives"]} rows={LAYERS.map((l) => [l.label, `${l.latency} (${l.vantage})`, l.lives])} />
      <Note>A miss falls through to the next layer and the answer is written back on the way up (cache-aside).</Note>
    </WidgetBox>
  );
}

export function FirewallStatic() {
  return (
    <WidgetBox label="Firewall rules">
      <Table {...WIDGET_TABLE}
        caption="Rules, checked top to bottom; default deny"
        columns={["#", "Action", "Direction", "Port", "Protocol", "Note"]}
        rows={DEFAULT_RULES.map((r, i) => [String(i + 1), r.action.toUpperCase(), r.direction, String(r.port ?? "any"), (r.protocol ?? "any").toUpperCase(), r.note ?? ""])}
      />
      <Table {...WIDGET_TABLE}
        caption="Test packets and verdicts"
        columns={["Packet", "Verdict"]}
        rows={PRESETS.map((p) => {
          const v = testPacket(DEFAULT_RULES, p.packet);
          return [p.label, `${v.action.toUpperCase()} (${v.rule === null ? "default" : `rule ${v.rule}`})`];
        })}
      />
    </WidgetBox>
  );
}

export function MiddlewareStatic() {
  return (
    <WidgetBox label="Middleware pipeline">
      <ol className="list-decimal space-y-0.5 pl-5">
        {DEFAULT_ORDER.map((m) => (
          <li key={m}>
            <span className="font-medium">{MIDDLEWARE[m].label}:</span> {MIDDLEWARE[m].does}
          </li>
        ))}
        <li>
          <span className="font-medium">Controller:</span> User.create(params), then 201 Created.
        </li>
      </ol>
    </WidgetBox>
  );
}
