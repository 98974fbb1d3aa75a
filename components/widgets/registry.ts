import { coreEntries } from "@/components/widgets/entries-core";
import { extraEntries } from "@/components/widgets/entries-extra";
import type { WidgetEntry } from "@/components/widgets/types";

export const widgetEntries: Record<string, WidgetEntry> = { ...coreEntries, ...extraEntries };

export function getWidgetEntry(id: string): WidgetEntry | undefined {
  return widgetEntries[id];
}

/**
 * What each widget of the content brief (Part 2) is for. Shown in the box that stands in for a widget that has
 * not been built, so the reader knows what is missing and the chapter text still reads on its own.
 */
export const WIDGET_CATALOGUE: Record<string, { title: string; purpose: string }> = {
  W1: { title: "OSI layer explorer", purpose: "Pick a layer to see its protocols and job, and switch between the OSI and TCP/IP models." },
  W2: { title: "TCP vs UDP sender", purpose: "Send the same packets over TCP and UDP on a lossy link and compare what arrives, and when." },
  W3: { title: "TCP handshake and teardown stepper", purpose: "Step through SYN, SYN-ACK, ACK and the four-segment close, with flags, numbers and states." },
  W4: { title: "DNS resolution stepper", purpose: "Follow a lookup from the stub resolver through root, TLD and authoritative servers, then repeat it from cache." },
  W5: { title: "HTTP methods and status-code families", purpose: "Compare methods by safety and idempotency, and look up what each status-code family means." },
  W6: { title: "TLS 1.3 handshake stepper", purpose: "Walk through the TLS 1.3 handshake and see which attack each step prevents." },
  W7: { title: "NAT simulation", purpose: "Send traffic from private hosts through a NAT gateway and watch the translation table fill in." },
  W8: { title: "Port explorer", purpose: "Look up well-known, registered and ephemeral ports and what listens on them." },
  W9: { title: "Load balancer simulator", purpose: "Send twelve requests over four servers and compare round robin, weights and least connections." },
  W10: { title: "Caching layers simulator", purpose: "Send requests through browser, CDN, application cache and database, and watch hits, misses and latency." },
  W11: { title: "Firewall rules tester", purpose: "Write rules, send test packets, and see which rule matches first from the top." },
  W12: { title: "Middleware pipeline", purpose: "Toggle and reorder CORS, rate limiting, authentication and the rest, and see how a request fares." },
  W13: { title: "DNS cache animation", purpose: "Watch a second lookup of the same name come straight from the resolver's cache." },
  W14: { title: "Load-balancer flow animation", purpose: "Watch requests fan out from one load balancer to a pool of servers." },
  W15: { title: "End-of-chapter quiz", purpose: "Check yourself on the chapter with a short quiz." },
  W16: { title: "Slow-start and congestion-window chart", purpose: "Plot the congestion window round by round through slow start, avoidance and a loss." },
  W17: { title: "Nagle and delayed-ACK timeline", purpose: "See how Nagle's algorithm and delayed acknowledgments together add a pause, and what TCP_NODELAY changes." },
  W18: { title: "HTTP/1.1 vs 2 vs 3 loading race", purpose: "Load the same page over each HTTP version with loss and latency you choose." },
  W19: { title: "CIDR and longest-prefix router", purpose: "Split a block into subnets and route addresses by the longest matching prefix." },
  W20: { title: "Request journey and latency budget", purpose: "Follow one request stage by stage and add up where its milliseconds go." },
  W21: { title: "Tail-latency calculator", purpose: "See how fan-out to many servers turns a rare slow reply into a common one." },
  W22: { title: "Sliding-window rate limiter", purpose: "Fire requests at a sliding-window limiter and watch which are allowed or refused." },
  W23: { title: "WebSocket upgrade inspector", purpose: "Read the upgrade request and response header by header, then the frames that follow." },
  W24: { title: "DNS TTL failover simulator", purpose: "Fail a server and see how the record's TTL decides how long clients keep going to it." },
  W25: { title: "Timeouts, retries and circuit breaker lab", purpose: "Tune timeouts, retries and a circuit breaker against a failing dependency and watch the load." },
  W26: { title: "Real-time technique chooser", purpose: "Answer a few questions about your feature and get polling, SSE or WebSockets with the reasons." },
  W27: { title: "TLS termination strategy chooser", purpose: "Compare terminating TLS at the edge, at the load balancer or end to end for your constraints." },
  // Added with issue 16 (Chapter 16), after the brief's 27.
  W28: { title: "Estimate checker", purpose: "Make a back-of-the-envelope estimate for a scenario and see how far it is from the worked value, and why." },
};
