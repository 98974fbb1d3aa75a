import type { WidgetEntry } from "@/components/widgets/types";
import { SlowStartStatic } from "@/components/widgets/extra/w16-slow-start-view";
import { NagleStatic } from "@/components/widgets/extra/w17-nagle-view";
import { HttpRaceStatic } from "@/components/widgets/extra/w18-http-race-view";
import { CidrRouterStatic } from "@/components/widgets/extra/w19-cidr-router-view";
import { LatencyBudgetStatic } from "@/components/widgets/extra/w20-latency-budget-view";
import { TailLatencyStatic } from "@/components/widgets/extra/w21-tail-latency-view";
import { RateLimiterStatic } from "@/components/widgets/extra/w22-rate-limiter-view";
import { WebSocketStatic } from "@/components/widgets/extra/w23-websocket-view";
import { DnsFailoverStatic } from "@/components/widgets/extra/w24-dns-failover-view";
import { ResilienceLabStatic } from "@/components/widgets/extra/w25-resilience-lab-view";
import { RealtimeChooserStatic } from "@/components/widgets/extra/w26-realtime-chooser-view";
import { TlsTerminationStatic } from "@/components/widgets/extra/w27-tls-termination-view";
import { EstimateCheckerStatic } from "@/components/widgets/extra/w28-estimate-checker-view";

/** Server-rendered initial states of widgets W16–W28, keyed by widget id. */
export const extraEntries: Record<string, WidgetEntry> = {
  W16: {
    id: "W16",
    title: "Slow-start and congestion-window chart",
    summary: "Set the RTT and ssthresh, inject three duplicate ACKs or a timeout, and compare a fresh connection with a reused one.",
    Static: SlowStartStatic,
  },
  W17: {
    id: "W17",
    title: "Nagle and delayed-ACK timeline",
    summary: "Step through two small writes and a reply, then turn on TCP_NODELAY and watch the stall disappear.",
    Static: NagleStatic,
  },
  W18: {
    id: "W18",
    title: "HTTP/1.1 vs 2 vs 3 loading race",
    summary: "Load ten resources under each version, lose a packet, and switch networks mid-load.",
    Static: HttpRaceStatic,
  },
  W19: {
    id: "W19",
    title: "CIDR and longest-prefix router",
    summary: "Type a block to see its mask, size and usable hosts, then route a destination through a table you can edit.",
    Static: CidrRouterStatic,
  },
  W20: {
    id: "W20",
    title: "Request journey and latency budget",
    summary: "Change the distance, keep-alive, TLS version, HTTP/3, edge termination and DNS caching, and watch the time before your code runs shrink.",
    Static: LatencyBudgetStatic,
  },
  W21: {
    id: "W21",
    title: "Tail-latency calculator",
    summary: "Choose how many calls a page makes and which percentile counts as slow, and see how often a page load hits the tail.",
    Static: TailLatencyStatic,
  },
  W22: {
    id: "W22",
    title: "Sliding-window rate limiter",
    summary: "Send requests one by one or in bursts, move the clock, and compare the Redis sliding window with nginx's burst rule.",
    Static: RateLimiterStatic,
  },
  W23: {
    id: "W23",
    title: "WebSocket upgrade inspector",
    summary: "Edit the key and watch the Accept value change, send text, binary, ping, pong and close frames, and idle past a NAT timeout with heartbeats on or off.",
    Static: WebSocketStatic,
  },
  W24: {
    id: "W24",
    title: "DNS TTL failover simulator",
    summary: "Pick a TTL, fail a region and watch the share of users still sent to the old address fall; add ISP caches that ignore the TTL.",
    Static: DnsFailoverStatic,
  },
  W25: {
    id: "W25",
    title: "Timeouts, retries and circuit breaker lab",
    summary: "Make service C slow or failing, then tune timeouts, retries, idempotency keys and a circuit breaker and count the damage.",
    Static: ResilienceLabStatic,
  },
  W26: {
    id: "W26",
    title: "Real-time technique chooser",
    summary: "Answer three questions about your feature and compare the traffic of polling, long polling, SSE and WebSockets.",
    Static: RealtimeChooserStatic,
  },
  W27: {
    id: "W27",
    title: "TLS termination strategy chooser",
    summary: "Choose where TLS ends, switch on requirements such as CDN caching, PCI or zero trust, and see which hops stay locked.",
    Static: TlsTerminationStatic,
  },
  W28: {
    id: "W28",
    title: "Estimate checker",
    summary: "Pick a scenario or type your own assumptions, estimate a rate, storage, bandwidth, cache size or server count, and see how far off you are and which slip explains it.",
    Static: EstimateCheckerStatic,
  },
};
