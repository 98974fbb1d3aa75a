"use client";

import { useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/schemas/action-result";
import type { ProgressEntry, ProgressSource } from "@/lib/schemas/progress";

// One store per tab shared by every island on the page (toggles, table of contents, course map), so a mark made
// in one place shows everywhere at once. Anonymous readers keep progress in localStorage; signed-in readers in
// Postgres, with the browser's copy merged into the account once and then cleared.

export const LOCAL_KEY = "roundtrip.progress.v1";

export type ProgressState = {
  mode: "loading" | "local" | "account";
  done: ReadonlyMap<string, ProgressSource>;
  error: string | null;
};

type LocalFile = { version: 1; sections: Record<string, { source: ProgressSource; at: string }> };

export const sectionKey = (chapter: string, section: string) => `${chapter}#${section}`;

// The server's snapshot (what the static page was rendered with) is also the browser's first state, the same
// object: React compares the two when each island subscribes after hydration, and a different object, however
// equal, made it re-render every island synchronously (SyncLane) inside the hydration's effects task.
const SERVER_STATE: ProgressState = { mode: "loading", done: new Map(), error: null };
let state: ProgressState = SERVER_STATE;
const listeners = new Set<() => void>();
// Sections the reader took off their list during this visit are not re-marked by scrolling past them again.
const unmarkedThisVisit = new Set<string>();
let syncing: string | null = null;

type ProgressActions = typeof import("@/components/learn/progress-actions");
const UNREACHABLE = { ok: false, status: 503, error: "Your progress could not be reached; check your connection and reload the page." } as const;

/** Runs one of the progress actions, loading them first; never throws (as callAction). */
async function act<T>(call: (actions: ProgressActions) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const actions = await import("@/components/learn/progress-actions").catch(() => null);
  return actions ? actions.callAction(() => call(actions)) : UNREACHABLE;
}

function setState(next: Partial<ProgressState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function readLocal(): LocalFile {
  try {
    const raw = window.localStorage.getItem(LOCAL_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<LocalFile>) : null;
    if (parsed?.version === 1 && parsed.sections && typeof parsed.sections === "object") return parsed as LocalFile;
  } catch {
    // A corrupt or blocked store reads as empty rather than breaking the page.
  }
  return { version: 1, sections: {} };
}

function writeLocal(file: LocalFile) {
  try {
    if (Object.keys(file.sections).length === 0) window.localStorage.removeItem(LOCAL_KEY);
    else window.localStorage.setItem(LOCAL_KEY, JSON.stringify(file));
  } catch {
    setState({ error: "This browser would not save your progress (storage is full or blocked)." });
  }
}

function fromEntries(entries: readonly ProgressEntry[]): Map<string, ProgressSource> {
  return new Map(entries.map((e) => [sectionKey(e.chapter, e.section), e.source]));
}

/** Called whenever the session changes: loads the right copy of the progress, merging the browser's on sign-in. */
export async function syncProgress(session: "authenticated" | "unauthenticated", userId: string | null): Promise<void> {
  const tag = `${session}:${userId ?? ""}`;
  if (syncing === tag) return;
  syncing = tag;
  if (session === "unauthenticated") {
    const local = readLocal();
    setState({ mode: "local", error: null, done: new Map(Object.entries(local.sections).map(([k, v]) => [k, v.source])) });
    return;
  }
  const local = readLocal();
  const pending = Object.keys(local.sections).map((key) => {
    const [chapter = "", section = ""] = key.split("#");
    return { chapter, section };
  });
  if (pending.length > 0) {
    const merged = await act((a) => a.mergeSectionProgress({ sections: pending }));
    if (merged.ok) {
      writeLocal({ version: 1, sections: {} });
      setState({ mode: "account", done: fromEntries(merged.data.progress), error: null });
      return;
    }
  }
  const listed = await act((a) => a.listSectionProgress({}));
  if (listed.ok) setState({ mode: "account", done: fromEntries(listed.data), error: null });
  else {
    // Let the next session change try again rather than keep the failed load.
    syncing = null;
    setState({ mode: "local", error: listed.error });
  }
}

export async function markSection(chapter: string, section: string, source: "manual" | "scroll"): Promise<void> {
  const key = sectionKey(chapter, section);
  if (state.mode === "loading" || state.done.has(key)) return;
  if (source === "scroll" && unmarkedThisVisit.has(key)) return;
  const done = new Map(state.done).set(key, source);
  setState({ done, error: null });
  if (state.mode === "local") {
    const local = readLocal();
    local.sections[key] = { source, at: new Date().toISOString() };
    writeLocal(local);
    return;
  }
  const result = await act((a) => a.markSectionDone({ chapter, section, source }));
  if (!result.ok) {
    const reverted = new Map(state.done);
    reverted.delete(key);
    setState({ done: reverted, error: result.error });
  }
}

export async function unmarkSection(chapter: string, section: string): Promise<void> {
  const key = sectionKey(chapter, section);
  const previous = state.done.get(key);
  if (state.mode === "loading" || !previous) return;
  unmarkedThisVisit.add(key);
  const done = new Map(state.done);
  done.delete(key);
  setState({ done, error: null });
  if (state.mode === "local") {
    const local = readLocal();
    delete local.sections[key];
    writeLocal(local);
    return;
  }
  const result = await act((a) => a.unmarkSectionDone({ chapter, section }));
  if (!result.ok) {
    setState({ done: new Map(state.done).set(key, previous), error: result.error });
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useProgress(): ProgressState {
  return useSyncExternalStore(subscribe, () => state, () => SERVER_STATE);
}
