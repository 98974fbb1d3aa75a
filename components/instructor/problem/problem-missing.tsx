import { describePath } from "./problem-form-text";
import { linkClass } from "@/components/ui/link";

type Issue = { path: readonly PropertyKey[]; message: string };
type Section = { id: string; title: string; keys: readonly string[] };

/**
 * What a new problem still lacks, section by section, before it can be saved as a draft (and so published):
 * the fields by name, each section a link to its place in the form. Shown from the first render, so a blank
 * problem opens with a to-do list rather than a wall of red.
 */
export function ProblemMissing({ issues, sections }: { issues: readonly Issue[]; sections: readonly Section[] }) {
  if (issues.length === 0) {
    return (
      <p className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200" data-testid="problem-missing" role="status">
        Everything a problem needs is filled in: preview it as a candidate, then create the draft.
      </p>
    );
  }
  const rows = sections
    .map((s) => {
      const fields = [...new Set(issues.filter((i) => s.keys.includes(String(i.path[0]))).map((i) => describePath(i.path)))];
      return { ...s, fields };
    })
    .filter((s) => s.fields.length > 0);
  return (
    <section aria-labelledby="missing-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100" data-testid="problem-missing">
      <h2 id="missing-heading" className="font-semibold">
        Still to fill in before you can create the draft
      </h2>
      <ul className="mt-2 space-y-1">
        {rows.map((s) => (
          <li key={s.id}>
            <a href={`#group-${s.id}`} className={linkClass("inherit", "font-medium")}>
              {s.title}
            </a>
            : {s.fields.slice(0, 5).join("; ")}
            {s.fields.length > 5 ? ` and ${s.fields.length - 5} more` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
