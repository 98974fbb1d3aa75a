"use client";

import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import type { WidgetLoader } from "@/components/widgets/types";

// The table of loaders is itself fetched when the first widget comes near: its 28 entries each carry their
// chunk list (~1.4 kB gzipped in all), which a reader who never scrolls to a widget should not download.
let table: Promise<Record<string, WidgetLoader>> | null = null;
function loaderOf(id: string): Promise<WidgetLoader | undefined> {
  table ??= Promise.all([import("@/components/widgets/loaders-core"), import("@/components/widgets/loaders-extra")])
    .then(([core, extra]) => ({ ...core.coreLoaders, ...extra.extraLoaders }))
    .catch((error: unknown) => {
      table = null;
      throw error;
    });
  return table.then((loaders) => loaders[id]);
}

/**
 * Shows the server-rendered state until the slot is about to scroll into view, then loads the interactive widget
 * and swaps it in. Widgets nobody reaches are never downloaded.
 */
export function LazyWidget({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [Loaded, setLoaded] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        loaderOf(id)
          .then((load) => (load ? load() : null))
          .then((component) => {
            if (!cancelled && component) setLoaded(() => component);
          })
          .catch(() => {
            if (!cancelled) setFailed(true);
          });
      },
      { rootMargin: "200px 0px" },
    );
    observer.observe(node);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [id]);

  return (
    <div ref={ref} data-widget-state={Loaded ? "interactive" : "static"}>
      {Loaded ? <Loaded /> : children}
      {failed ? (
        <p role="status" className="mt-2 text-sm text-amber-800 dark:text-amber-300">
          The interactive version did not load; reload the page to try again.
        </p>
      ) : null}
    </div>
  );
}
