import { handshakeRtts, slowStartExtraRtts } from "../../lib/core/evaluator/index";
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

/** The fitted rule (lib/core/evaluator/transfer-fit.ts): what the integrator wires into the evaluator. */
export const fittedTransferMs: TransferRule = (c) =>
  transferTimeMs({
    responseBytes: c.bytes,
    rttMs: c.rttMs,
    connection: c.connection,
    congestionControl: c.cc,
    lossRate: c.lossRate,
  });
