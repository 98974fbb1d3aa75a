"use client";

import { useId } from "react";
import type { NodeKind } from "@/lib/schemas/design";

// A cache's `cacheFor` holds the ids of the components it fronts. Ids are the file format's, not the reader's:
// the panel offers the components on the canvas by name, as checkboxes (keyboard-usable, one label each).

/** Components a cache can front: where reads go. Clients, edges of the network and other caches are not. */
const FRONTABLE: ReadonlySet<NodeKind> = new Set<NodeKind>(["database", "object_storage", "service", "external_api", "queue"]);

type Component = { id: string; kind: NodeKind; name: string };

export function CacheForControl({
  cacheId,
  components,
  value,
  onCommit,
}: {
  cacheId: string;
  components: Component[];
  value: unknown;
  onCommit: (next: string[] | undefined) => void;
}) {
  const hintId = useId();
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const known = new Set(components.map((c) => c.id));
  const options = components.filter((c) => c.id !== cacheId && (FRONTABLE.has(c.kind) || chosen.includes(c.id)));
  // An id naming nothing on the canvas (a deleted component) can still be unticked, so the document can be cleaned.
  const missing = chosen.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((x) => x !== id);
    onCommit(next.length ? next : undefined);
  };
  return (
    <fieldset className="rounded-md border border-slate-200 p-2 dark:border-slate-700" aria-describedby={hintId}>
      <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Caches reads for</legend>
      <p id={hintId} className="mb-1 text-xs text-slate-500 dark:text-slate-400">
        A read of a ticked component checks this cache first; only a miss reaches it.
      </p>
      {options.length === 0 && missing.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Nothing to cache yet: add a database, storage, service or external API.
        </p>
      ) : (
        <ul className="space-y-1">
          {options.map((c) => (
            <li key={c.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                {c.name}
              </label>
            </li>
          ))}
          {missing.map((id, i) => (
            <li key={`missing:${id}`}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked onChange={() => toggle(id, false)} />
                A component no longer on the canvas{missing.length > 1 ? ` (${i + 1})` : ""}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
