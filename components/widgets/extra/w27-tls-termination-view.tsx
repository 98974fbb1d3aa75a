import { hopsFor, meets, recommend, REQUIREMENTS, STRATEGIES, timingFor, type HopProtection, type Requirement, type Strategy } from "@/lib/core/widgets/tls-termination";
import { formatMs, StaticNote, WidgetPanel } from "./ui";

const HOP_TEXT: Record<HopProtection, { label: string; locked: boolean }> = {
  tls: { label: "TLS", locked: true },
  mtls: { label: "mTLS", locked: true },
  plain: { label: "plain HTTP", locked: false },
  tunnelled: { label: "TLS, passed through", locked: true },
};

function Lock({ locked }: { locked: boolean }) {
  return (
    <svg viewBox="0 0 16 16" className={`inline size-4 ${locked ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`} aria-hidden="true">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d={locked ? "M5 7V5a3 3 0 0 1 6 0v2" : "M5 7V5a3 3 0 0 1 6 0"} fill="none" stroke="currentColor" strokeWidth="1.8" transform={locked ? undefined : "translate(3 -1)"} />
    </svg>
  );
}

export function HopDiagram({ strategy }: { strategy: Strategy }) {
  const hops = hopsFor(strategy);
  return (
    <ol className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:items-center" aria-label="Hops from the user to the services">
      {hops.map((h, i) => {
        const p = HOP_TEXT[h.protection];
        return (
          <li key={i} className="flex items-center gap-1">
            {i === 0 ? <span className="rounded border border-slate-300 bg-white px-2 py-1 font-semibold dark:border-slate-600 dark:bg-slate-800">{h.from}</span> : null}
            <span className={`flex items-center gap-1 px-1 text-xs ${p.locked ? "" : "font-semibold text-red-700 dark:text-red-400"}`}>
              → <Lock locked={p.locked} /> {p.label} →
            </span>
            <span className="rounded border border-slate-300 bg-white px-2 py-1 font-semibold dark:border-slate-600 dark:bg-slate-800">{h.to}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function StrategyFacts({ strategy, requirements }: { strategy: Strategy; requirements: readonly Requirement[] }) {
  const s = STRATEGIES.find((x) => x.id === strategy);
  const timing = timingFor(strategy);
  return (
    <div className="space-y-1">
      <p>
        <strong>{s?.label}:</strong> {s?.summary} {s?.tradeOff}
      </p>
      <p>
        User&apos;s TCP + TLS 1.3 handshake: <strong className="font-mono">{formatMs(timing.handshakeMs)}</strong>; first response after about{" "}
        <strong className="font-mono">{formatMs(timing.firstResponseMs)}</strong>
        {timing.cachedResponseMs !== undefined
          ? requirements.includes("caching")
            ? `, or ${formatMs(timing.cachedResponseMs)} when the edge has it cached.`
            : "; the edge could cache, but caching is not switched on."
          : "; nothing can be cached at the edge."}
      </p>
    </div>
  );
}

export function RequirementChecks({ strategy, requirements }: { strategy: Strategy; requirements: readonly Requirement[] }) {
  if (requirements.length === 0) return <p className="text-slate-600 dark:text-slate-400">No extra requirements chosen.</p>;
  return (
    <ul className="space-y-1">
      {REQUIREMENTS.filter((r) => requirements.includes(r.id)).map((r) => {
        const m = meets(strategy, r.id);
        return (
          <li key={r.id} className={m.ok ? "" : "text-red-700 dark:text-red-400"}>
            <span aria-hidden="true">{m.ok ? "✓" : "✗"}</span> <span className="sr-only">{m.ok ? "Met:" : "Not met:"}</span> {r.label}: {m.why}.
          </li>
        );
      })}
    </ul>
  );
}

export function RecommendationLine({ requirements }: { requirements: readonly Requirement[] }) {
  const rec = recommend(requirements);
  const label = (s: Strategy) => STRATEGIES.find((x) => x.id === s)?.label ?? s;
  return rec.strategy ? (
    <p>
      Simplest strategy that meets every chosen requirement: <strong>{label(rec.strategy)}</strong>.
    </p>
  ) : (
    <p className="text-red-700 dark:text-red-400">
      No strategy meets all of these at once: reading or caching at the edge and keeping plaintext away from it cannot both hold.
    </p>
  );
}

export function TlsTerminationStatic() {
  return (
    <WidgetPanel label="TLS termination strategy chooser">
      <HopDiagram strategy="edge" />
      <StrategyFacts strategy="edge" requirements={["caching"]} />
      <RequirementChecks strategy="edge" requirements={["caching"]} />
      <StaticNote>Shown for edge termination with CDN caching. The strategy picker and the PCI, zero-trust and privacy requirements appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
