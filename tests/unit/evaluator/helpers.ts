import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluateDesign, type EvaluationResult } from "@/lib/core/evaluator/index";

export const EXAMPLES_DIR = fileURLToPath(new URL("../../../lib/core/evaluator/examples/", import.meta.url));
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

export function loadExample(name: string): Doc {
  return JSON.parse(readFileSync(`${EXAMPLES_DIR}${name}.json`, "utf8"));
}

export function evalOk(doc: unknown, options: { seed?: number; samples?: number } = {}): EvaluationResult {
  const r = evaluateDesign(doc, options);
  if (!r.ok) throw new Error(`expected a valid design, got ${JSON.stringify(r.errors)}`);
  return r.result;
}

export function findingIds(r: EvaluationResult): string[] {
  return r.findings.map((f) => f.id);
}

export function finding(r: EvaluationResult, id: string) {
  return r.findings.find((f) => f.id === id);
}

export function checklist(r: EvaluationResult, id: string) {
  return r.checklist.find((c) => c.id === id)?.status;
}

export function node(doc: Doc, id: string): Doc {
  const n = doc.nodes.find((x: Doc) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  n.props ??= {};
  return n;
}

export function edge(doc: Doc, id: string): Doc {
  const e = doc.edges.find((x: Doc) => x.id === id);
  if (!e) throw new Error(`no edge ${id}`);
  e.props ??= {};
  return e;
}

/** The three-tier example: a good design every "stays quiet" test starts from. */
export function good(): Doc {
  return loadExample("three-tier");
}

/** The textbook design: DNS miss 50 ms, one hop of RTT 100 ms, a server taking 20 ms. */
export function textbook(edgeProps: Record<string, unknown> = {}): Doc {
  return {
    version: 1,
    name: "textbook",
    scenario: { rps: 1 },
    nodes: [
      { id: "user", kind: "client" },
      { id: "dns", kind: "dns", props: { lookupMs: 50 } },
      { id: "server", kind: "service", props: { serviceTimeMs: 20, serviceTimeP99Ms: 20 } },
    ],
    edges: [
      { id: "lookup", from: "user", to: "dns" },
      { id: "req", from: "user", to: "server", props: { rttMs: 100, ...edgeProps } },
    ],
  };
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * The smallest timed design: one client calling one service (`apiProps`: 2 replicas, 5 ms unless given) over edge
 * `e1` with `edgeProps` (rttMs and the rest), at `scenario` (reads only unless it says otherwise). The loss,
 * keep-alive and timeout tests vary the edge alone.
 */
export function clientHop(
  edgeProps: Record<string, unknown>,
  scenario: Record<string, unknown> = {},
  apiProps: Record<string, unknown> = { replicas: 2, serviceTimeMs: 5 },
): Doc {
  return {
    version: 1,
    name: "client hop",
    scenario: { rps: 10, readRatio: 1, ...scenario },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: apiProps },
    ],
    edges: [{ id: "e1", from: "c", to: "api", props: { timeoutMs: 60_000, ...edgeProps } }],
  };
}

/**
 * A client → service → external API design whose second hop (100 ms RTT, a 100 kB response) carries `lossRate`:
 * the loss tests' internal hop. `apiProps` replace the service's own (two replicas, 5 ms).
 */
export function lossyInternalHop(lossRate: number, keepAlive: boolean, apiProps: Record<string, unknown> = { replicas: 2, serviceTimeMs: 5 }): Doc {
  return {
    version: 1,
    name: "lossy internal hop",
    scenario: { rps: 10, readRatio: 1 },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: apiProps },
      { id: "blob", kind: "external_api", props: { latencyMs: 20 } },
    ],
    edges: [
      { id: "e1", from: "c", to: "api", props: { rttMs: 10, timeoutMs: 60_000 } },
      { id: "e2", from: "api", to: "blob", props: { rttMs: 100, timeoutMs: 60_000, keepAlive, responseBytes: 100_000, lossRate } },
    ],
  };
}
