"use client";

import type MiniSearch from "minisearch";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { searchIndexOptions, searchQueryOptions, type SearchHit } from "@/lib/content/search-options";

const KIND_LABEL = { section: "Section", term: "Term", check: "Checklist item" } as const;
const MAX_RESULTS = 8;

let indexPromise: Promise<MiniSearch> | null = null;

// MiniSearch and the index are fetched on first focus, so pages that are only read never pay for them.
function loadIndex(): Promise<MiniSearch> {
  indexPromise ??= Promise.all([import("minisearch"), fetch("/learn/search-index.json").then((r) => {
    if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
    return r.text();
  })])
    .then(([mod, json]) => mod.default.loadJSON(json, searchIndexOptions))
    .catch((error: unknown) => {
      indexPromise = null;
      throw error;
    });
  return indexPromise;
}

/** Search across chapters, glossary and checklist: an ARIA combobox with a listbox of results. */
export function SearchBox({ className = "" }: { className?: string }) {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<"idle" | "loading" | "ready" | "error">("idle");

  const prepare = () => {
    if (status === "ready" || status === "loading") return;
    setStatus("loading");
    loadIndex().then(
      () => setStatus("ready"),
      () => setStatus("error"),
    );
  };

  const run = async (text: string) => {
    setQuery(text);
    setActive(-1);
    if (text.trim().length < 2) {
      setResults([]);
      setOpen(false);
      return;
    }
    try {
      const index = await loadIndex();
      setStatus("ready");
      const hits = index.search(text, searchQueryOptions).slice(0, MAX_RESULTS) as unknown as SearchHit[];
      setResults(hits);
      setOpen(true);
    } catch {
      setStatus("error");
    }
  };

  const go = (hit: SearchHit) => {
    setOpen(false);
    setQuery("");
    setResults([]);
    const [path, hash] = hit.url.split("#");
    if (path === window.location.pathname && hash) {
      // Same page: move to the anchor without a navigation.
      window.history.pushState(null, "", `#${hash}`);
      document.getElementById(hash)?.scrollIntoView();
    } else {
      router.push(hit.url);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && results.length > 0) setOpen(true);
      setActive((i) => (results.length === 0 ? -1 : (i + 1) % results.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (results.length === 0 ? -1 : (i - 1 + results.length) % results.length));
    } else if (event.key === "Enter") {
      const hit = results[active] ?? (open ? results[0] : undefined);
      if (hit) {
        event.preventDefault();
        go(hit);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else {
        setQuery("");
      }
    }
  };

  const expanded = open && query.trim().length >= 2;
  return (
    <div className={`relative ${className}`}>
      <label htmlFor={`${id}-input`} className="sr-only">
        Search the course
      </label>
      <div className="relative">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-500" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" />
        </svg>
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          placeholder="Search chapters and glossary"
          value={query}
          onFocus={prepare}
          onChange={(e) => void run(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          className="w-full rounded-lg border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Search results"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-50 mt-1 max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {results.map((hit, i) => (
          <li
            key={hit.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(hit)}
            onMouseEnter={() => setActive(i)}
            className={`cursor-pointer rounded-md px-3 py-2 ${i === active ? "bg-brand-50 dark:bg-slate-800" : ""}`}
          >
            <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{hit.title}</span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              {KIND_LABEL[hit.kind]} · {hit.context}
            </span>
          </li>
        ))}
        {expanded && results.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">
            No matches for “{query.trim()}”
          </li>
        ) : null}
      </ul>
      <p className="sr-only" role="status" aria-live="polite">
        {status === "error"
          ? "Search is unavailable right now."
          : expanded
            ? `${results.length} result${results.length === 1 ? "" : "s"}`
            : ""}
      </p>
    </div>
  );
}
