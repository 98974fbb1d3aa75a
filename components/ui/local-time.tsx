"use client";

import { useCallback } from "react";
import { formatDateTime } from "@/lib/core/util/format";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Formats moments in the reader's own locale and time zone once React runs in the browser; the server's HTML (and
 * the first client render, so hydration matches) uses en-GB and UTC. Either way the zone is named.
 */
export function useDateTime(): (at: string | Date) => string {
  const local = useHydrated();
  return useCallback(
    (at: string | Date) => (local ? formatDateTime(at, { locale: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }) : formatDateTime(at)),
    [local],
  );
}

/** A timestamp on screen: "6 Dec 2026, 09:49 UTC", in the reader's zone after hydration; the exact instant is machine-readable. */
export function LocalTime({ at }: { at: string | Date }) {
  const format = useDateTime();
  const iso = typeof at === "string" ? at : at.toISOString();
  return <time dateTime={iso}>{format(at)}</time>;
}
