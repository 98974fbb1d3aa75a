"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * Refits the canvas to the design whenever its box changes size (a window resize, a panel shown or hidden, the
 * layout switching columns), at most 100 % zoom like every other fit (fit.ts). The first observation is the
 * initial size, which React Flow's own fitView already handled. One fit per animation frame at most: a window
 * being dragged reports many sizes.
 */
export function useRefitOnResize(box: RefObject<HTMLElement | null>, refit: () => void, enabled: boolean) {
  const latest = useRef(refit);
  useEffect(() => {
    latest.current = refit;
  });
  useEffect(() => {
    const el = box.current;
    if (!enabled || !el || typeof ResizeObserver === "undefined") return;
    let last: { w: number; h: number } | null = null;
    let frame = 0;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const size = { w: Math.round(entry.contentRect.width), h: Math.round(entry.contentRect.height) };
      const changed = last !== null && (last.w !== size.w || last.h !== size.h);
      last = size;
      // A hidden canvas (0 × 0) has nothing to fit into; it refits when it is shown again.
      if (!changed || size.w === 0 || size.h === 0) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => latest.current());
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [box, enabled]);
}
