"use client";

import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { coreLoaders } from "@/components/widgets/loaders-core";
import { extraLoaders } from "@/components/widgets/loaders-extra";

const loaders = { ...coreLoaders, ...extraLoaders };

/**
 * Shows the server-rendered state until the slot is about to scroll into view, then loads the interactive widget
 * and swaps it in. Widgets nobody reaches are never downloaded.
 */
export function LazyWidget({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [Loaded, setLoaded] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const load = loaders[id];
    const node = ref.current;
    if (!load || !node) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        load()
          .then((component) => {
            if (!cancelled) setLoaded(() => component);
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
