import Link from "next/link";
import type { StatFlag } from "@/lib/core/quiz/item-stats";
import type { StatsRow } from "@/lib/server/instructor/stats";

const FLAG_TEXT: Record<StatFlag, string> = {
  "too-easy": "too easy",
  "too-hard": "too hard",
  "negative-discrimination": "discriminates negatively",
};

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(0)} %`);
const disc = (v: number | null) => (v === null ? "—" : v.toFixed(2));
const secs = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);

function Flags({ flags }: { flags: StatFlag[] }) {
  if (flags.length === 0) return <span className="text-slate-600 dark:text-slate-400">none</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {flags.map((f) => (
        <li key={f} className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">
          {FLAG_TEXT[f]}
        </li>
      ))}
    </ul>
  );
}

export function StatsTable({ rows }: { rows: StatsRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="stats-table">
        <caption className="sr-only">Item statistics per question</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className="py-2 pr-3">Question</th>
            <th scope="col" className="py-2 pr-3">Attempts</th>
            <th scope="col" className="py-2 pr-3">Facility</th>
            <th scope="col" className="py-2 pr-3">Discrimination</th>
            <th scope="col" className="py-2 pr-3">Median time</th>
            <th scope="col" className="py-2">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.questionId} className="border-b border-slate-100 align-top dark:border-slate-900" data-question={r.questionId}>
              <td className="max-w-md py-2 pr-3">
                <Link href={`/instructor/questions/${r.questionId}`} className="font-mono text-xs text-brand-700 underline underline-offset-2 dark:text-brand-100">
                  {r.questionId}
                </Link>
                <p className="mt-1 line-clamp-2 text-slate-700 dark:text-slate-300">{r.prompt}</p>
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-600 focus:outline-none focus:ring-2 focus:ring-brand-500 dark:text-slate-400">
                    Versions{r.options ? " and options" : ""}
                  </summary>
                  <table className="mt-2 w-full text-xs">
                    <thead>
                      <tr>
                        <th scope="col" className="pr-2 text-left">Version</th>
                        <th scope="col" className="pr-2 text-left">Attempts</th>
                        <th scope="col" className="pr-2 text-left">Facility</th>
                        <th scope="col" className="pr-2 text-left">Discr.</th>
                        <th scope="col" className="text-left">Flags</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.versions.map((v) => (
                        <tr key={v.version}>
                          <td className="pr-2">v{v.version}</td>
                          <td className="pr-2">{v.attempts}</td>
                          <td className="pr-2">{pct(v.facility)}</td>
                          <td className="pr-2">{disc(v.discrimination)}</td>
                          <td>{v.flags.map((f) => FLAG_TEXT[f]).join(", ") || "none"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {r.options ? (
                    <ul className="mt-2 space-y-1 text-xs" aria-label="How often each option was chosen (current version)">
                      {r.options.map((o) => {
                        const share = r.attempts === 0 ? 0 : (o.count / r.attempts) * 100;
                        return (
                          <li key={o.id}>
                            <div className="flex justify-between gap-2">
                              <span>
                                {o.correct ? "✓ " : ""}
                                {o.label}
                              </span>
                              <span>
                                {o.count} ({share.toFixed(0)} %)
                              </span>
                            </div>
                            <div className="h-1.5 rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
                              <div className={`h-1.5 rounded ${o.correct ? "bg-green-600" : "bg-slate-500"}`} style={{ width: `${Math.min(100, share)}%` }} />
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                </details>
              </td>
              <td className="py-2 pr-3">{r.attempts}</td>
              <td className="py-2 pr-3">{pct(r.facility)}</td>
              <td className="py-2 pr-3">{disc(r.discrimination)}</td>
              <td className="py-2 pr-3">{secs(r.medianTimeMs)}</td>
              <td className="py-2"><Flags flags={r.flags} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
