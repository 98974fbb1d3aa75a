"use client";

import type { WidgetLoader } from "@/components/widgets/types";

/** Lazy imports of the interactive widgets W16–W28, keyed by widget id. */
export const extraLoaders: Record<string, WidgetLoader> = {
  W16: () => import("./extra/w16-slow-start").then((m) => m.SlowStart),
  W17: () => import("./extra/w17-nagle").then((m) => m.NagleTimelineWidget),
  W18: () => import("./extra/w18-http-race").then((m) => m.HttpRace),
  W19: () => import("./extra/w19-cidr-router").then((m) => m.CidrRouter),
  W20: () => import("./extra/w20-latency-budget").then((m) => m.LatencyBudget),
  W21: () => import("./extra/w21-tail-latency").then((m) => m.TailLatency),
  W22: () => import("./extra/w22-rate-limiter").then((m) => m.RateLimiter),
  W23: () => import("./extra/w23-websocket").then((m) => m.WebSocketInspector),
  W24: () => import("./extra/w24-dns-failover").then((m) => m.DnsFailover),
  W25: () => import("./extra/w25-resilience-lab").then((m) => m.ResilienceLab),
  W26: () => import("./extra/w26-realtime-chooser").then((m) => m.RealtimeChooser),
  W27: () => import("./extra/w27-tls-termination").then((m) => m.TlsTermination),
  W28: () => import("./extra/w28-estimate-checker").then((m) => m.EstimateChecker),
};
