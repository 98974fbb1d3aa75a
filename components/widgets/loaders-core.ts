"use client";

import type { WidgetLoader } from "@/components/widgets/types";

/** Lazy imports of the interactive widgets W1–W14, keyed by widget id: each is its own chunk. */
export const coreLoaders: Record<string, WidgetLoader> = {
  W1: () => import("./core/w01-osi-explorer").then((m) => m.OsiExplorer),
  W2: () => import("./core/w02-tcp-udp").then((m) => m.TcpUdpSender),
  W3: () => import("./core/w03-tcp-handshake").then((m) => m.TcpHandshake),
  W4: () => import("./core/w04-dns-stepper").then((m) => m.DnsStepper),
  W5: () => import("./core/w05-http-methods").then((m) => m.HttpMethods),
  W6: () => import("./core/w06-tls-handshake").then((m) => m.TlsHandshake),
  W7: () => import("./core/w07-nat").then((m) => m.NatSimulation),
  W8: () => import("./core/w08-ports").then((m) => m.PortExplorer),
  W9: () => import("./core/w09-load-balancer").then((m) => m.LoadBalancerSimulator),
  W10: () => import("./core/w10-caching").then((m) => m.CachingLayers),
  W11: () => import("./core/w11-firewall").then((m) => m.FirewallTester),
  W12: () => import("./core/w12-middleware").then((m) => m.MiddlewarePipeline),
  W13: () => import("./core/w13-dns-cache-animation").then((m) => m.DnsCacheAnimation),
  W14: () => import("./core/w14-lb-flow").then((m) => m.LoadBalancerFlow),
};
