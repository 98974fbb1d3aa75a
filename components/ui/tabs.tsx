"use client";

import { useId, useRef, type ReactNode } from "react";

// WAI-ARIA tabs with manual activation: arrow keys, Home and End move between tabs, the selected tab is the
// only one in the tab order, and each panel is labelled by its tab.

export type Tab<K extends string> = { key: K; label: ReactNode; panel: ReactNode; panelProps?: Record<string, string | number | undefined> };

export function Tabs<K extends string>({ label, tabs, current, onSelect }: { label: string; tabs: Tab<K>[]; current: K; onSelect: (key: K) => void }) {
  const base = useId();
  const refs = useRef(new Map<K, HTMLButtonElement | null>());
  const move = (from: number, to: number) => {
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next || from === to) return;
    onSelect(next.key);
    refs.current.get(next.key)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="mb-3 flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {tabs.map((tab, i) => {
          const active = tab.key === current;
          return (
            <button
              key={tab.key}
              ref={(el) => {
                refs.current.set(tab.key, el);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.key}`}
              aria-selected={active}
              aria-controls={`${base}-panel-${tab.key}`}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.key)}
              onKeyDown={(e) => {
                if (e.key === "ArrowRight") move(i, i + 1);
                else if (e.key === "ArrowLeft") move(i, i - 1);
                else if (e.key === "Home") move(i, 0);
                else if (e.key === "End") move(i, tabs.length - 1);
                else return;
                e.preventDefault();
              }}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${active ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-slate-600 dark:text-slate-400"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`${base}-panel-${tab.key}`} aria-labelledby={`${base}-tab-${tab.key}`} hidden={tab.key !== current} tabIndex={0} {...tab.panelProps}>
          {tab.panel}
        </div>
      ))}
    </>
  );
}
