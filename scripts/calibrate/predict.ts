import { handshakeRtts, slowStartExtraRtts } from "../../lib/core/evaluator/index";
import { buildGraph, type Edge } from "../../lib/core/evaluator/graph";
import { hopModel, type HopModel } from "../../lib/core/evaluator/latency";
import { designSchema } from "../../lib/core/evaluator/schema";
import { transferTimeMs } from "../../lib/core/evaluator/transfer-fit";
import type { LabConfig } from "./configs";

// What the evaluator's protocol rules predict for one lab configuration, step by step on curl's clock.
// Handshakes come from handshakeRtts (lib/core/evaluator/handshake.ts); the transfer after the first byte comes from a
// rule passed in, so the same arithmetic serves the textbook rule and the fitted one side by side.

export type Prediction = {
  /** ms from the start of the transfer, as curl reports them. */
  connectMs: number;
  appconnectMs: number;
  ttfbMs: number;
  totalMs: number;
};

/** Time from the first to the last byte of the response (ms). */
export type TransferRule = (c: LabConfig) => number;

/**
 * Model prediction for a configuration. New connection: TCP handshake (1 RTT) + TLS (2 RTTs for 1.2, 1 for 1.3)
 * + request (1 RTT) + the origin's service time; a kept-alive connection skips the handshakes. HTTP/1.1 and h2
 * cost the same (the model has no per-version term; h2's SETTINGS ride with the first flights).
 */
export function predict(c: LabConfig, transferMs: TransferRule): Prediction {
  const hs = c.connection === "new" ? handshakeRtts({ transport: "tcp", tls: c.tls }) : { tcpRtts: 0, tlsRtts: 0 };
  const connectMs = hs.tcpRtts * c.rttMs;
  const appconnectMs = connectMs + hs.tlsRtts * c.rttMs;
  const ttfbMs = appconnectMs + c.rttMs + c.serviceMs;
  return { connectMs, appconnectMs, ttfbMs, totalMs: ttfbMs + transferMs(c) };
}

/**
 * The evaluator's current rule (model 1.x, handshake.ts slowStartExtraRtts as latency.ts and percentiles.ts use
 * it): a new connection pays every slow-start round after the first, one RTT each; a kept-alive connection pays
 * nothing after the first byte (percentiles.ts charges slow start only when the connection is new). Loss,
 * congestion control and HTTP version change nothing.
 */
export const textbookTransferMs: TransferRule = (c) =>
  c.connection === "new" ? slowStartExtraRtts(c.bytes) * c.rttMs : 0;

/**
 * The fitted rule with every input the lab knows (lib/core/evaluator/transfer-fit.ts transferTimeMs): the path's
 * loss rate and the sender's congestion control as well as the size and the connection.
 */
export const fittedTransferMs: TransferRule = (c) => transferTimeMs(transferInput(c));

/** A lab configuration as the transfer rule's input. */
export function transferInput(c: LabConfig): Parameters<typeof transferTimeMs>[0] {
  return {
    responseBytes: c.bytes,
    rttMs: c.rttMs,
    connection: c.connection,
    // The row's own age: the after-9 rows time the 10th response on a connection (model 2.11.0).
    ...(c.connection === "kept-alive" && c.priorRequests !== undefined ? { priorResponses: c.priorRequests } : {}),
    congestionControl: c.cc,
    lossRate: c.lossRate,
    lossPattern: c.lossPattern,
    ...(c.rateMbps !== undefined ? { bandwidthMbps: c.rateMbps } : {}),
  };
}

/**
 * What the wired evaluator predicts for a configuration: a one-edge design (service → service, the edge carrying
 * the configuration's RTT, TLS version, HTTP version, keep-alive and response size) run through the evaluator's
 * own hopModel (latency.ts), whose warmCallMs is the time to the last byte of one call: handshakes and slow start
 * on a new connection, the request's round trip, a kept-alive connection's extra rounds, and (model 2.2) what the
 * edge's loss rate and congestion control add (transfer-fit.ts pathPenaltyMs, the same rule as fittedTransferMs).
 * The loss pattern (periodic or random) is the lab's, not an input: the model predicts the median transfer.
 * `recordBytes`: the server's TLS record size as the design states it (model 2.7.0, the node's `tlsRecordBytes`):
 * a new connection's first byte then waits for a first record past the initial window (hopModel's
 * firstRecordExtraRtts); the last byte does not move. Undefined: a server whose first records fit the first round.
 * `idleMs`: the client's gap before a kept-alive request (the edge's `idleBetweenRequestsMs`, model 2.8.0; by default
 * the configuration's target gap, which the idle rows replace with the gap each repetition really had).
 * A kept-alive row's `priorRequests` is the edge's `priorResponses` (model 2.11.0): the lossy kept-alive matrix's after-9
 * rows are predicted for the 10th response on the connection, not the default 2nd.
 */
export function wiredPrediction(c: LabConfig, recordBytes?: number, idleMs = c.idleMs): Prediction {
  const hop = wiredHop(c, recordBytes, idleMs);
  const connectMs = c.connection === "new" ? hop.handshake.tcpRtts * hop.rttMs : 0;
  const appconnectMs = connectMs + (c.connection === "new" ? hop.handshake.tlsRtts * hop.rttMs : 0);
  // A kept-alive connection's first record is late only after an idle restart (model 2.8.0).
  const firstRecordMs = (c.connection === "new" ? hop.firstRecordExtraRtts : hop.keptAliveFirstRecordExtraRtts) * hop.rttMs;
  const ttfbMs = appconnectMs + hop.rttMs + firstRecordMs + c.serviceMs;
  return { connectMs, appconnectMs, ttfbMs, totalMs: hop.warmCallMs + c.serviceMs };
}

/**
 * The evaluator's own model of the configuration's hop (latency.ts hopModel on the one-edge design of
 * wiredPrediction): its loss distributions are what the evaluator's percentiles draw for such a call.
 */
export function wiredHop(c: LabConfig, recordBytes?: number, idleMs = c.idleMs): HopModel {
  const design = designSchema.parse({
    version: 2,
    name: "calibration",
    nodes: [
      { id: "a", kind: "service" },
      { id: "b", kind: "service", ...(recordBytes !== undefined ? { props: { tlsRecordBytes: recordBytes } } : {}) },
    ],
    edges: [
      {
        id: "e",
        from: "a",
        to: "b",
        props: {
          rttMs: c.rttMs,
          tls: c.tls,
          httpVersion: c.http,
          keepAlive: c.connection === "kept-alive",
          responseBytes: c.bytes,
          ...(c.lossRate > 0 ? { lossRate: c.lossRate } : {}),
          congestionControl: c.cc,
          ...(c.rateMbps !== undefined ? { bandwidthMbps: c.rateMbps } : {}),
          ...(c.connection === "kept-alive" && idleMs !== undefined ? { idleBetweenRequestsMs: idleMs } : {}),
          ...(c.connection === "kept-alive" && c.priorRequests !== undefined ? { priorResponses: c.priorRequests } : {}),
        },
      },
    ],
  });
  const graph = buildGraph(design);
  return hopModel(graph, graph.edges[0] as Edge);
}
