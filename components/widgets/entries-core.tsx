import {
  CachingStatic,
  DnsRepeatStatic,
  DnsStatic,
  FirewallStatic,
  HttpMethodsStatic,
  LoadBalancerFlowStatic,
  LoadBalancerStatic,
  MiddlewareStatic,
  NatStatic,
  OsiStatic,
  PortsStatic,
  TcpHandshakeStatic,
  TcpUdpStatic,
  TlsStatic,
} from "@/components/widgets/core/static";
import type { WidgetEntry } from "@/components/widgets/types";

/** Server-rendered initial states of widgets W1–W14, keyed by widget id. */
export const coreEntries: Record<string, WidgetEntry> = {
  W1: { id: "W1", title: "OSI layer explorer", summary: "Pick a layer, switch between the OSI and TCP/IP models, and send a request down the stack to watch headers wrap around it.", Static: OsiStatic },
  W2: { id: "W2", title: "TCP vs UDP sender", summary: "Send the same packets over TCP and UDP with loss and reordering (seeded), and see what each application receives.", Static: TcpUdpStatic },
  W3: { id: "W3", title: "TCP handshake and teardown stepper", summary: "Step through SYN, SYN-ACK, ACK, data and the four-segment close, with sequence numbers and states.", Static: TcpHandshakeStatic },
  W4: { id: "W4", title: "DNS resolution stepper", summary: "Resolve a name step by step, then again from cache; change the TTL, let time pass and watch entries expire.", Static: DnsStatic },
  W5: { id: "W5", title: "HTTP methods and status codes", summary: "Compare methods by safety and idempotency, send each twice to see what happens to the data, and look up status codes.", Static: HttpMethodsStatic },
  W6: { id: "W6", title: "TLS handshake stepper", summary: "Step through TLS 1.3 and 1.2, try a returning visitor with 0-RTT, and see how each attack is stopped.", Static: TlsStatic },
  W7: { id: "W7", title: "NAT simulation", summary: "Send a packet through a home router, watch the translation table, try an inbound connection and test keep-alives against the idle timeout.", Static: NatStatic },
  W8: { id: "W8", title: "Port explorer", summary: "Choose a service and see the endpoints on both sides, which port range each falls in, and a fresh ephemeral port.", Static: PortsStatic },
  W9: { id: "W9", title: "Load balancer simulator", summary: "Send 12 requests over four servers with any algorithm, weights, durations and client IPs; break a server and compare health checks.", Static: LoadBalancerStatic },
  W10: { id: "W10", title: "Caching layers simulator", summary: "Send requests through browser, CDN, Redis and database; move the clock, update the data and try each invalidation.", Static: CachingStatic },
  W11: { id: "W11", title: "Firewall rules tester", summary: "Toggle and reorder ordered rules, build a test packet with a source, and see which rule decides or whether the default deny applies.", Static: FirewallStatic },
  W12: { id: "W12", title: "Middleware pipeline", summary: "Toggle and reorder the middleware in front of POST /api/users, shape the request, and see where it stops.", Static: MiddlewareStatic },
  W14: { id: "W14", title: "Load-balancer flow", summary: "Watch requests fan out from one balancer to the backends; kill one and see traffic move to the others.", Static: LoadBalancerFlowStatic },
  W13: { id: "W13", title: "DNS repeat visit", summary: "The same lookup a second time: answered from cache without reaching root, TLD or authoritative servers.", Static: DnsRepeatStatic },
};
