import type { EvaluationResult } from "@/lib/core/evaluator";
import type { Design, DesignEdge, DesignNode } from "@/lib/core/evaluator/schema";
import type { DiffItem } from "@/lib/schemas/interview-view";
import { labelFor } from "./fields";
import { KIND_CATALOGUE } from "./kinds";
import { optionLabel, regionLabel } from "./labels";

// The structural difference between a candidate's design and the problem's reference: components and
// connections missing, extra or configured differently, each tied to the points it is worth. The cost is
// measured, not guessed: the reference is scored again with that one difference applied (a missing component is
// bypassed, so the rest of the path still works), and an extra component is taken out of the candidate's design.

export type Evaluate = (doc: Design) => EvaluationResult | null;

const SKIP_KEYS = new Set(["engine"]);

// A node's words in the diff: its kind and the name the author gave it; an unnamed node by its region, never its
// id (ids such as "lb" or "dns" are handles, not words a candidate reads).
function describeNode(n: DesignNode): string {
  const kind = KIND_CATALOGUE[n.kind].title;
  // A label that only repeats the kind ("DNS", "Load balancer") is said once, not "DNS (DNS)".
  const label = n.label?.trim();
  if (label && label.toLowerCase() !== kind.toLowerCase()) return `${kind} (${label})`;
  return n.region ? `${kind} in ${regionLabel(n.region)}` : kind;
}

/** "a load balancer", "an API gateway", "a CDN": the kind inside a sentence, acronyms keeping their case. */
function aKind(title: string): string {
  const word = /^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
  return `${/^[aeio]|^A[A-Z]|^object/i.test(word) && !/^(CDN|DNS)/.test(word) ? "an" : "a"} ${word}`;
}

function display(key: string, value: unknown): string {
  if (value === undefined) return "the default";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "object" && value !== null) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${labelFor(k).toLowerCase()} ${display(k, v)}`)
      .join(", ");
  }
  if (typeof value === "string" || typeof value === "number")
    return /Ms$/.test(key) ? `${value} ms` : optionLabel(key, value);
  return String(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Pairs each reference node with a candidate node of the same kind (same region first), clients excluded. */
function pairNodes(candidate: Design, reference: Design): Map<string, string> {
  const pairs = new Map<string, string>();
  const free = candidate.nodes.filter((n) => n.kind !== "client");
  const take = (pred: (c: DesignNode) => boolean) => {
    const i = free.findIndex(pred);
    return i >= 0 ? free.splice(i, 1)[0] : undefined;
  };
  const refs = reference.nodes.filter((n) => n.kind !== "client");
  for (const pass of [true, false]) {
    for (const r of refs) {
      if (pairs.has(r.id)) continue;
      const c =
        take(
          (c) => c.kind === r.kind && (!pass || (c.region === r.region && (c.label ?? c.id) === (r.label ?? r.id))),
        ) ?? (pass ? take((c) => c.kind === r.kind && c.region === r.region) : take((c) => c.kind === r.kind));
      if (c) pairs.set(r.id, c.id);
    }
  }
  // Clients are fixed by the problem: pair them by region and share.
  const clients = candidate.nodes.filter((n) => n.kind === "client");
  for (const r of reference.nodes.filter((n) => n.kind === "client")) {
    const i = clients.findIndex((c) => c.region === r.region && same(c.props?.share, r.props?.share));
    if (i >= 0) pairs.set(r.id, clients.splice(i, 1)[0]!.id);
  }
  return pairs;
}

/** The document without a node: its callers call its callees directly (so a missing balancer still leaves a path). */
export function bypassNode(doc: Design, nodeId: string): Design {
  const incoming = doc.edges.filter((e) => e.to === nodeId && e.from !== nodeId);
  const outgoing = doc.edges.filter((e) => e.from === nodeId && e.to !== nodeId);
  const kept = doc.edges.filter((e) => e.from !== nodeId && e.to !== nodeId);
  const existing = new Set(kept.map((e) => `${e.from}>${e.to}`));
  const bridges: DesignEdge[] = [];
  for (const a of incoming) {
    for (const b of outgoing) {
      if (a.from === b.to || existing.has(`${a.from}>${b.to}`)) continue;
      existing.add(`${a.from}>${b.to}`);
      bridges.push({
        ...b,
        id: `bypass-${a.id}-${b.id}`,
        from: a.from,
        ...(a.props ? { props: { ...b.props, ...a.props } } : {}),
      });
    }
  }
  return { ...doc, nodes: doc.nodes.filter((n) => n.id !== nodeId), edges: [...kept, ...bridges] };
}

function setProp(target: { props?: unknown }, key: string, value: unknown) {
  const props = { ...((target.props ?? {}) as Record<string, unknown>) };
  if (value === undefined) delete props[key];
  else props[key] = value;
  target.props = props;
}

/** One "configured differently" item per setting that differs; `cost` scores the reference with the candidate's value. */
function configuredItems(
  refProps: unknown,
  candProps: unknown,
  subject: string,
  cost: (key: string, value: unknown) => number | null,
  items: DiffItem[],
) {
  const rp = (refProps ?? {}) as Record<string, unknown>;
  const cp = (candProps ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(rp), ...Object.keys(cp)])].sort()) {
    if (SKIP_KEYS.has(key) || same(rp[key], cp[key])) continue;
    items.push({
      kind: "configured",
      subject,
      text: `${labelFor(key)}: ${display(key, rp[key])} in the reference, ${display(key, cp[key])} in yours.`,
      points: cost(key, cp[key]),
    });
  }
}

export function structuralDiff(
  candidate: Design,
  reference: Design,
  evaluate: Evaluate,
): { items: DiffItem[]; referenceScore: number | null; candidateScore: number | null } {
  const refResult = evaluate(reference);
  const candResult = evaluate(candidate);
  const refScore = refResult?.score ?? null;
  const candScore = candResult?.score ?? null;
  const lossOnReference = (doc: Design) => {
    const r = evaluate(doc);
    return r && refScore !== null ? refScore - r.score : null;
  };
  const gainOnCandidate = (doc: Design) => {
    const r = evaluate(doc);
    return r && candScore !== null ? r.score - candScore : null;
  };
  // What the reference loses when one of its components' or connections' settings takes the candidate's value.
  const lossWithSetting = (list: "nodes" | "edges", id: string) => (key: string, value: unknown) => {
    const changed = structuredClone(reference);
    setProp(changed[list].find((x) => x.id === id)!, key, value);
    return lossOnReference(changed);
  };

  const pairs = pairNodes(candidate, reference);
  const reverse = new Map([...pairs].map(([r, c]) => [c, r]));
  const candById = new Map(candidate.nodes.map((n) => [n.id, n]));
  const refById = new Map(reference.nodes.map((n) => [n.id, n]));
  const items: DiffItem[] = [];

  for (const r of reference.nodes) {
    const cid = pairs.get(r.id);
    if (!cid) {
      if (r.kind === "client") continue;
      items.push({
        kind: "missing-node",
        subject: describeNode(r),
        text: `The reference has ${aKind(KIND_CATALOGUE[r.kind].title)}${r.region ? ` in ${regionLabel(r.region)}` : ""}; your design has no counterpart.`,
        points: lossOnReference(bypassNode(reference, r.id)),
      });
      continue;
    }
    const c = candById.get(cid)!;
    if (r.kind === "client") continue;
    configuredItems(
      r.props,
      c.props,
      `${describeNode(r)} ↔ your ${describeNode(c)}`,
      lossWithSetting("nodes", r.id),
      items,
    );
  }

  for (const c of candidate.nodes) {
    if (reverse.has(c.id) || c.kind === "client") continue;
    items.push({
      kind: "extra-node",
      subject: describeNode(c),
      text: `Your design has ${aKind(KIND_CATALOGUE[c.kind].title)} the reference does without.`,
      points: gainOnCandidate(bypassNode(candidate, c.id)),
    });
  }

  const candEdges = new Map(candidate.edges.map((e) => [`${e.from}>${e.to}`, e]));
  for (const e of reference.edges) {
    const from = pairs.get(e.from);
    const to = pairs.get(e.to);
    if (!from || !to) continue; // covered by the missing component
    const mine = candEdges.get(`${from}>${to}`);
    if (mine) {
      configuredItems(
        e.props,
        mine.props,
        `${describeNode(refById.get(e.from)!)} → ${describeNode(refById.get(e.to)!)}`,
        lossWithSetting("edges", e.id),
        items,
      );
      continue;
    }
    items.push({
      kind: "missing-edge",
      subject: `${describeNode(refById.get(e.from)!)} → ${describeNode(refById.get(e.to)!)}`,
      text: "The reference makes this call; your design does not connect these two.",
      points: lossOnReference({ ...reference, edges: reference.edges.filter((x) => x.id !== e.id) }),
    });
  }
  const refEdges = new Set(reference.edges.map((e) => `${e.from}>${e.to}`));
  for (const e of candidate.edges) {
    const from = reverse.get(e.from);
    const to = reverse.get(e.to);
    if (!from || !to || refEdges.has(`${from}>${to}`)) continue;
    items.push({
      kind: "extra-edge",
      subject: `${describeNode(candById.get(e.from)!)} → ${describeNode(candById.get(e.to)!)}`,
      text: "Your design makes a call the reference does not.",
      points: gainOnCandidate({ ...candidate, edges: candidate.edges.filter((x) => x.id !== e.id) }),
    });
  }
  // Most costly first; unmeasurable last.
  items.sort((a, b) => Math.abs(b.points ?? -1) - Math.abs(a.points ?? -1));
  return { items, referenceScore: refScore, candidateScore: candScore };
}
