import { LocalTime } from "@/components/ui/local-time";
import { formatDateTime } from "@/lib/core/util/format";

/** Minutes are enough for an audit trail; the zone is named, so two instructors in different zones can compare. */
export const auditTime = (d: Date) => formatDateTime(d);

export type AuditEntry = { id: string; action: string; actor: string | null; createdAt: Date; detail: unknown };

/** The "History" column of an authoring page: who did what, newest first, each action in words. */
export function AuditHistory({ entries, describe, empty }: { entries: AuditEntry[]; describe: (action: string, detail: unknown) => string; empty: string }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm" data-testid="audit-log">
          {entries.map((a) => (
            <li key={a.id}>
              <LocalTime at={a.createdAt} /> — {a.actor ?? "a deleted user"} {describe(a.action, a.detail)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
