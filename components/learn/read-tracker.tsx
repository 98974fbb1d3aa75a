"use client";

import { useEffect } from "react";
import { markSection, sectionKey, useProgress } from "@/components/learn/progress-store";

const WORDS_PER_SECOND = 230 / 60;
// Reaching the end counts only after a share of the section's reading time, so jumping or flicking past is not reading.
const MIN_SHARE_OF_READING_TIME = 0.2;
const MAX_DWELL_MS = 30_000;

/**
 * Records a section as read once its end has come into view, provided the reader spent a plausible time in it
 * since its start was first on screen.
 */
export function ReadTracker({ chapter, sections }: { chapter: string; sections: { id: string; words: number }[] }) {
  const { mode, done } = useProgress();
  const ready = mode !== "loading";

  useEffect(() => {
    if (!ready) return;
    const startedAt = new Map<string, number>();
    const endReached = new Set<string>();
    const timers = new Map<string, number>();
    const dwellFor = (id: string) => {
      const words = sections.find((s) => s.id === id)?.words ?? 0;
      return Math.min(MAX_DWELL_MS, (words / WORDS_PER_SECOND) * MIN_SHARE_OF_READING_TIME * 1000);
    };
    const check = (id: string) => {
      const start = startedAt.get(id);
      if (start === undefined || !endReached.has(id) || timers.has(id)) return;
      const wait = start + dwellFor(id) - Date.now();
      timers.set(
        id,
        window.setTimeout(() => void markSection(chapter, id, "scroll"), Math.max(0, wait)),
      );
    };
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const startId = el.dataset.sectionStart;
        const endId = el.dataset.sectionEnd;
        if (startId && entry.isIntersecting && !startedAt.has(startId)) startedAt.set(startId, Date.now());
        // The end counts once it is on screen or has already passed above it.
        if (endId && (entry.isIntersecting || entry.boundingClientRect.top < 0) && startedAt.has(endId)) endReached.add(endId);
        const id = startId ?? endId;
        if (id) check(id);
      }
    });
    for (const s of sections) {
      if (done.has(sectionKey(chapter, s.id))) continue;
      document.querySelectorAll(`[data-section-start="${s.id}"], [data-section-end="${s.id}"]`).forEach((el) => observer.observe(el));
    }
    return () => {
      observer.disconnect();
      for (const t of timers.values()) window.clearTimeout(t);
    };
    // Re-observing on every progress change would restart the clocks; the store ignores repeats anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, chapter, sections]);

  return null;
}
