import { DETECTION_S, failoverCurve, formatDuration, shareOnOldIp, simulateFailover, type FailoverRun } from "@/lib/core/widgets/dns-failover";
import { StaticNote, WidgetPanel } from "./ui";

export const DEFAULT_FAILOVER = { ttl: 300, misbehaving: false, seed: 1 };

export function ResolverGrid({ run, t }: { run: FailoverRun; t: number }) {
  return (
    <figure className="space-y-1">
      <div className="grid w-full max-w-xs grid-cols-10 gap-1" aria-hidden="true">
        {run.resolvers.map((r) => (
          <span
            key={r.id}
            className={`aspect-square rounded-sm ${r.movesAtS > t ? "bg-red-500 dark:bg-red-400" : "bg-emerald-500 dark:bg-emerald-600"} ${
              r.misbehaving ? "ring-2 ring-slate-900 ring-offset-1 dark:ring-white dark:ring-offset-slate-900" : ""
            }`}
          />
        ))}
      </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        100 resolvers: red still hand out the dead region&apos;s address, green have the new one. Outlined squares ignore short TTLs.
      </figcaption>
    </figure>
  );
}

const W = 340;
const H = 120;

export function FailoverChart({ run, t }: { run: FailoverRun; t: number }) {
  const curve = failoverCurve(run);
  const maxT = Math.max(run.worstS, 1);
  const x = (s: number) => 30 + (s / maxT) * (W - 40);
  const y = (share: number) => 10 + (1 - share) * (H - 40);
  let d = `M ${x(0)} ${y(1)}`;
  for (const p of curve) d += ` H ${x(p.t).toFixed(1)} V ${y(p.share).toFixed(1)}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-xl text-slate-700 dark:text-slate-300" role="img" aria-label={`Share of users on the old address falls from 100 % to 0 % over ${formatDuration(run.worstS)}`}>
      <line x1="30" y1={H - 30} x2={W - 10} y2={H - 30} stroke="currentColor" />
      <line x1="30" y1="10" x2="30" y2={H - 30} stroke="currentColor" />
      <text x="26" y="14" fontSize="9" textAnchor="end" fill="currentColor">100%</text>
      <text x="26" y={H - 30} fontSize="9" textAnchor="end" fill="currentColor">0%</text>
      <text x="30" y={H - 16} fontSize="9" fill="currentColor">failure</text>
      <text x={W - 10} y={H - 16} fontSize="9" textAnchor="end" fill="currentColor">{formatDuration(run.worstS)}</text>
      <line x1={x(DETECTION_S)} y1="10" x2={x(DETECTION_S)} y2={H - 30} stroke="currentColor" strokeDasharray="3 3" opacity="0.5" />
      <path d={d} fill="none" strokeWidth="2" className="stroke-red-600 dark:stroke-red-400" />
      <line x1={x(Math.min(t, maxT))} y1="10" x2={x(Math.min(t, maxT))} y2={H - 30} strokeWidth="2" className="stroke-brand-600 dark:stroke-brand-100" />
    </svg>
  );
}

export function FailoverFacts({ run, t }: { run: FailoverRun; t: number }) {
  const share = shareOnOldIp(run, t);
  return (
    <ul className="list-disc space-y-1 pl-5">
      <li>
        {formatDuration(t)} after the failure, <strong>{Math.round(share * 100)} %</strong> of resolvers still send users to the dead region.
      </li>
      <li>
        Resolvers that honour the TTL have all moved by {formatDuration(DETECTION_S)} (detection) + {formatDuration(run.options.ttl)} (TTL) ={" "}
        <strong>{formatDuration(run.worstHonestS)}</strong>
        {run.worstS > run.worstHonestS ? <>; the misbehaving caches hold on until <strong>{formatDuration(run.worstS)}</strong></> : null}.
      </li>
      <li>
        Cost of this TTL: 10,000 resolvers re-asking every {formatDuration(run.options.ttl)} send your nameservers about{" "}
        <strong>{run.queriesPerSecond < 1 ? run.queriesPerSecond.toFixed(2) : Math.round(run.queriesPerSecond).toLocaleString("en-US")}</strong> queries per second.
      </li>
    </ul>
  );
}

export function DnsFailoverStatic() {
  const run = simulateFailover(DEFAULT_FAILOVER);
  const t = 180;
  return (
    <WidgetPanel label="DNS TTL failover simulator">
      <FailoverFacts run={run} t={t} />
      <ResolverGrid run={run} t={t} />
      <FailoverChart run={run} t={t} />
      <StaticNote>Shown for a 300 s TTL, seed 1, three minutes after the failure. The TTL, seed, misbehaving-cache and clock controls appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
