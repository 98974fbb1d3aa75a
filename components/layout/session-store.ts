"use client";

import { useSyncExternalStore } from "react";
import { sessionUserOf, type SessionUser } from "@/lib/schemas/session-view";

// The signed-in user as the browser sees it, read from next-auth's session endpoint once per page load. This
// replaces next-auth's SessionProvider, whose client (11.9 kB gzipped) loaded on every page, static chapters
// included; pages rendered per request read the session on the server instead (lib/server/kernel/auth.ts).

export type SessionState =
  | { status: "loading"; user: null }
  | { status: "authenticated"; user: SessionUser }
  | { status: "unauthenticated"; user: null };

const LOADING: SessionState = { status: "loading", user: null };
const SIGNED_OUT: SessionState = { status: "unauthenticated", user: null };

let state: SessionState = LOADING;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

async function load(): Promise<void> {
  try {
    // No fetch options: same-origin credentials are fetch's default, and next-auth answers this endpoint with
    // "Cache-Control: private, no-cache, no-store", so no cache keeps it. Bytes count here (every page's first load).
    const res = await fetch("/api/auth/session");
    const user = sessionUserOf(res.ok && (await res.json()));
    set(user ? { status: "authenticated", user } : SIGNED_OUT);
  } catch {
    // Offline or the server is down: show the signed-out header rather than a spinner forever.
    set(SIGNED_OUT);
  }
}

/** Reads the session again, e.g. right after signing in without a full page load. */
export function refreshSession(): Promise<void> {
  inflight = load().finally(() => {
    inflight = null;
  });
  return inflight;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (state === LOADING && !inflight) void refreshSession();
  return () => listeners.delete(listener);
}

/** The current session; "loading" during the server render and until the first read answers. */
export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => LOADING);
}

/** Signs out through next-auth, whose client is loaded only now, not with every page. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl });
}
