"use client";

import { useId, useState } from "react";
import { DesignEditor, type DesignDocument } from "@/components/practice/editor/design-editor";
import type { EvaluateOutcome } from "@/lib/core/evaluator";
import { SeverityBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

const BLANK: DesignDocument = { version: 1, name: "Sandbox design", nodes: [], edges: [] };

// Examples and the evaluator are loaded on demand, keeping them out of the page's first load.
const EXAMPLES: { id: string; title: string; load: () => Promise<{ default: unknown }> }[] = [
  { id: "single-server", title: "Single server", load: () => import("@/lib/core/evaluator/examples/single-server.json") },
  { id: "three-tier", title: "Three-tier web app", load: () => import("@/lib/core/evaluator/examples/three-tier.json") },
  { id: "global-read-heavy", title: "Global read-heavy API", load: () => import("@/lib/core/evaluator/examples/global-read-heavy.json") },
  { id: "chat-websockets", title: "Chat over WebSockets", load: () => import("@/lib/core/evaluator/examples/chat-websockets.json") },
  { id: "video-quic", title: "Live video over QUIC", load: () => import("@/lib/core/evaluator/examples/video-quic.json") },
  {
    id: "payments-idempotency",
    title: "Payments with idempotency",
    load: () => import("@/lib/core/evaluator/examples/payments-idempotency.json"),
  },
  { id: "request-journey", title: "The journey of one request", load: () => import("@/lib/core/evaluator/examples/request-journey.json") },
];

// The sandbox scores in the browser: the evaluator is pure, and nothing here is saved on the server.
export function SandboxClient() {
  const [start, setStart] = useState<{ key: number; doc: DesignDocument }>({ key: 0, doc: BLANK });
  const [doc, setDoc] = useState<DesignDocument>(BLANK);
  const [outcome, setOutcome] = useState<EvaluateOutcome | null>(null);
  const [highlight, setHighlight] = useState<{ nodeIds: string[]; edgeIds: string[] } | undefined>();
  const [example, setExample] = useState("");
  const exampleId = useId();

  const load = (d: DesignDocument) => {
    setStart((s) => ({ key: s.key + 1, doc: d }));
    setDoc(d);
    setOutcome(null);
    setHighlight(undefined);
  };

  const toolbarExtra = (
    <>
      <label htmlFor={exampleId} className="sr-only">
        Start from an example
      </label>
      <select
        id={exampleId}
        value={example}
        onChange={(e) => setExample(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="">Start from…</option>
        <option value="blank">Blank canvas</option>
        {EXAMPLES.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={buttonClass("secondary", "xs")}
        disabled={!example}
        onClick={async () => {
          const found = EXAMPLES.find((x) => x.id === example);
          load(found ? ((await found.load()).default as DesignDocument) : BLANK);
          setExample("");
        }}
      >
        Load
      </button>
      <button
        type="button"
        className={buttonClass("primary", "xs")}
        onClick={async () => {
          // Scored on the server like every other evaluation (POST /api/evaluate); the page never ships the model.
          setHighlight(undefined);
          try {
            const response = await fetch("/api/evaluate", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(doc),
            });
            const body = (await response.json().catch(() => null)) as
              | (Extract<EvaluateOutcome, { ok: true }>["result"] & { errors?: undefined; error?: undefined })
              | { errors?: Extract<EvaluateOutcome, { ok: false }>["errors"]; error?: { message?: string } }
              | null;
            if (response.ok && body && "score" in body) setOutcome({ ok: true, result: body });
            else setOutcome({ ok: false, errors: body?.errors?.length ? body.errors : [{ path: "", message: body?.error?.message ?? `The evaluation failed (HTTP ${response.status}).` }] });
          } catch {
            setOutcome({ ok: false, errors: [{ path: "", message: "The evaluation could not reach the server. Check your connection and try again." }] });
          }
        }}
      >
        Evaluate
      </button>
    </>
  );

  return (
    <div className="space-y-4">
      <DesignEditor
        key={start.key}
        initial={start.doc}
        onChange={(d) => {
          setDoc(d);
        }}
        highlight={highlight}
        toolbarExtra={toolbarExtra}
        draftKey="sandbox"
      />
      {outcome ? <Result outcome={outcome} onHighlight={setHighlight} /> : null}
    </div>
  );
}

function Result({
  outcome,
  onHighlight,
}: {
  outcome: EvaluateOutcome;
  onHighlight: (h: { nodeIds: string[]; edgeIds: string[] } | undefined) => void;
}) {
  if (!outcome.ok) {
    return (
      <section aria-label="Evaluation" role="alert" className="rounded-md border border-red-300 p-3 text-sm dark:border-red-800">
        <h2 className="font-semibold">The design cannot be scored yet</h2>
        <ul className="mt-1 list-disc pl-5 font-mono text-xs">
          {outcome.errors.map((e, i) => (
            <li key={i}>
              {e.path || "(document)"}: {e.message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const r = outcome.result;
  return (
    <section aria-label="Evaluation" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-baseline gap-4">
        <h2 className="text-lg font-semibold">
          Score <span data-testid="sandbox-score">{r.score}</span> · grade {r.grade}
        </h2>
        <span>
          p50 {r.latency.p50Ms.toFixed(0)} ms · p99 {r.latency.p99Ms.toFixed(0)} ms · cold TTFB {r.latency.coldTtfbMs.toFixed(0)} ms
        </span>
        <span>
          availability {(r.availability.estimate * 100).toFixed(3)} % ({r.availability.nines.toFixed(1)} nines)
        </span>
      </div>
      <h3 className="mt-3 font-semibold">Findings ({r.findings.length})</h3>
      {r.findings.length === 0 ? <p className="text-slate-600 dark:text-slate-400">No findings.</p> : null}
      <ul className="mt-1 space-y-1">
        {r.findings.map((f, i) => (
          <li key={`${f.id}-${i}`}>
            <button
              type="button"
              className="w-full rounded-md border border-slate-200 p-2 text-left hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900"
              onClick={() => onHighlight({ nodeIds: f.nodeIds, edgeIds: f.edgeIds })}
            >
              <SeverityBadge severity={f.severity} className="mr-2" />
              <span className="font-medium">{f.title}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{f.fix}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
