import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evalOk, loadExample, type Doc } from "./helpers";

// Issue #12 item 13: a percentile must not depend on what an edge is called. Edge ids only order the
// edges; the simulation orders each node's calls by structure (callee, then the call's own fields), so a
// renamed edge draws exactly the same random numbers for the same call.

const GRADED = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));

/** Renames every edge (and nothing else) so that the id order is reversed. */
function renameEdges(doc: Doc): Doc {
  const d = structuredClone(doc);
  const ids: string[] = d.edges.map((e: Doc) => e.id).sort();
  const renamed = new Map(ids.map((id, i) => [id, `z${String(ids.length - i).padStart(4, "0")}-${id.length}`]));
  for (const e of d.edges) e.id = renamed.get(e.id);
  return d;
}

function designs(): [string, Doc][] {
  const out: [string, Doc][] = [];
  for (const name of ["three-tier", "global-read-heavy", "payments-idempotency", "generated-50"])
    out.push([name, loadExample(name)]);
  for (const problem of readdirSync(GRADED, { withFileTypes: true })) {
    if (!problem.isDirectory()) continue;
    for (const f of readdirSync(`${GRADED}${problem.name}`).sort()) {
      if (f.endsWith(".json"))
        out.push([`${problem.name}/${f}`, JSON.parse(readFileSync(`${GRADED}${problem.name}/${f}`, "utf8")).design]);
    }
  }
  return out;
}

describe("percentiles do not depend on edge names", () => {
  it.each(designs())("%s: renaming every edge moves no percentile", (_name, doc) => {
    const a = evalOk(doc).latency;
    const b = evalOk(renameEdges(doc)).latency;
    expect([b.p50Ms, b.p95Ms, b.p99Ms, b.warmTtfbMs]).toEqual([a.p50Ms, a.p95Ms, a.p99Ms, a.warmTtfbMs]);
    expect(b.clients.map((c) => c.p99Ms)).toEqual(a.clients.map((c) => c.p99Ms));
  });
});
