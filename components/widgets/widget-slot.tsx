import { LazyWidget } from "@/components/widgets/lazy-widget";
import { getWidgetEntry, WIDGET_CATALOGUE } from "@/components/widgets/registry";

/** Where a `::widget{id=…}` marker sits in a chapter: the static state now, the interactive widget on approach. */
export function WidgetSlot({ id }: { id: string }) {
  const entry = getWidgetEntry(id);
  const known = WIDGET_CATALOGUE[id];
  const title = entry?.title ?? known?.title ?? `Widget ${id}`;
  const headingId = `widget-${id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-widget={id}
      className="my-8 rounded-xl border border-slate-200 bg-slate-50 p-4 sm:p-5 dark:border-slate-700 dark:bg-slate-900"
    >
      <h3 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
        Interactive · {title}
      </h3>
      {entry ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{entry.summary}</p> : null}
      <div className="mt-3">
        <LazyWidget id={id}>
          {entry ? (
            <entry.Static />
          ) : (
            <div className="rounded-lg border-2 border-dashed border-slate-300 p-4 text-sm dark:border-slate-600">
              <p className="font-medium text-slate-800 dark:text-slate-200">
                This interactive widget ({id}) is not built yet.
              </p>
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                {known?.purpose ?? "It will let you try out the idea of this section."} Until then, the text and
                tables around it cover the same material.
              </p>
            </div>
          )}
        </LazyWidget>
      </div>
    </section>
  );
}
