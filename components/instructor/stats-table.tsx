import Link from "next/link";
import type { StatFlag } from "@/lib/core/quiz/item-stats";
import type { StatsRow } from "@/lib/server/instructor/stats";
import { Badge } from "@/components/ui/badge";
import { Table, Td, type Column } from "@/components/ui/table";
import { linkClass } from "@/components/ui/link";

const FLAG_TEXT: Record<StatFlag, string> = {
  "too-easy": "too easy",
  "too-hard": "too hard",
  "negative-discrimination": "discriminates negatively",
};

// Units live in the column headers; "—" where there is no figure yet.
const pct = (v: number | null) => (v === null ? "—" : v.toFixed(0));
const disc = (v: number | null) => (v === null ? "—" : v.toFixed(2));
const secs = (ms: number | null) => (ms === null ? "—" : (ms / 1000).toFixed(ms < 10_000 ? 1 : 0));

const COLUMNS: Column[] = [
  { label: "Question" },
  { label: "Attempts", numeric: true },
  { label: "Facility", numeric: true, unit: "%" },
  { label: "Discrimination", numeric: true },
  { label: "Median time", numeric: true, unit: "s" },
  { label: "Flags" },
];

const VERSION_COLUMNS: Column[] = [
  { label: "Version" },
  { label: "Attempts", numeric: true },
  { label: "Facility", numeric: true, unit: "%" },
  { label: "Discr.", numeric: true },
  { label: "Flags" },
];

function Flags({ flags }: { flags: StatFlag[] }) {
  if (flags.length === 0) return <span className="text-slate-600 dark:text-slate-400">none</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {flags.map((f) => (
        <li key={f}>
          <Badge tone="warning">{FLAG_TEXT[f]}</Badge>
        </li>
      ))}
    </ul>
  );
}

export function StatsTable({ rows }: { rows: StatsRow[] }) {
  return (
    <Table caption="Item statistics per question" captionHidden columns={COLUMNS} data-testid="stats-table">
      {rows.map((r) => (
        <tr key={r.questionId} className="align-top" data-question={r.questionId}>
          <Td className="max-w-md">
            <Link href={`/instructor/questions/${r.questionId}`} className={linkClass("default", "font-mono text-xs")}>
              {r.questionId}
            </Link>
            <p className="mt-1 line-clamp-2 text-slate-700 dark:text-slate-300">{r.prompt}</p>
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-600 focus:outline-none focus:ring-2 focus:ring-brand-500 dark:text-slate-400">
                Versions{r.options ? " and options" : ""}
              </summary>
              <Table caption={`Statistics per version of ${r.questionId}`} captionHidden columns={VERSION_COLUMNS} size="xs" wrapperClassName="mt-2 overflow-x-auto">
                {r.versions.map((v) => (
                  <tr key={v.version}>
                    <Td size="xs">v{v.version}</Td>
                    <Td size="xs" numeric>{v.attempts}</Td>
                    <Td size="xs" numeric>{pct(v.facility)}</Td>
                    <Td size="xs" numeric>{disc(v.discrimination)}</Td>
                    <Td size="xs">{v.flags.map((f) => FLAG_TEXT[f]).join(", ") || "none"}</Td>
                  </tr>
                ))}
              </Table>
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
          </Td>
          <Td numeric>{r.attempts}</Td>
          <Td numeric>{pct(r.facility)}</Td>
          <Td numeric>{disc(r.discrimination)}</Td>
          <Td numeric>{secs(r.medianTimeMs)}</Td>
          <Td><Flags flags={r.flags} /></Td>
        </tr>
      ))}
    </Table>
  );
}
