"use client";

import { useEffect, useState } from "react";
import { sectionKey, useProgress } from "@/components/learn/progress-store";

type TocItem = { id: string; title: string; trackable: boolean };

/** "On this page": follows the scroll (the section crossing the upper part of the screen is current) and shows ticks. */
export function Toc({ chapter, items, label = "On this page" }: { chapter: string; items: TocItem[]; label?: string }) {
  const [active, setActive] = useState<string | null>(null);
  const { done } = useProgress();

  useEffect(() => {
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.tocSection;
          if (!id) continue;
          if (entry.isIntersecting) visible.add(id);
          else visible.delete(id);
        }
        const first = items.find((item) => visible.has(item.id));
        if (first) setActive(first.id);
        // Above the first section (title, objectives, intro) nothing is current.
        else if (items[0] && (document.querySelector(`[data-toc-section="${items[0].id}"]`)?.getBoundingClientRect().top ?? 0) > 80) setActive(null);
      },
      // A band just under the sticky header: whichever section occupies it is the one being read.
      { rootMargin: "-80px 0px -65% 0px" },
    );
    for (const item of items) {
      const el = document.querySelector(`[data-toc-section="${item.id}"]`);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, [items]);

  return (
    <nav aria-label={label} className="text-sm">
      <p className="mb-2 font-semibold text-slate-900 dark:text-slate-100">On this page</p>
      <ol className="space-y-1 border-l border-slate-200 dark:border-slate-800">
        {items.map((item) => {
          const isActive = item.id === active;
          const isDone = done.has(sectionKey(chapter, item.id));
          return (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                aria-current={isActive ? "location" : undefined}
                className={`-ml-px flex items-start gap-2 border-l-2 py-1 pl-3 pr-1 ${
                  isActive
                    ? "border-brand-500 font-medium text-brand-700 dark:text-brand-100"
                    : "border-transparent text-slate-600 hover:border-slate-400 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
                }`}
              >
                <span className="flex-1">{item.title}</span>
                {item.trackable && isDone ? (
                  <span className="text-emerald-700 dark:text-emerald-400">
                    <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-4 w-4" fill="currentColor">
                      <path d="M7.6 13.2 4.4 10l-1.4 1.4 4.6 4.6 10-10-1.4-1.4z" />
                    </svg>
                    <span className="sr-only">(done)</span>
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
