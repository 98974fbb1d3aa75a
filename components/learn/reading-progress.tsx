"use client";

import { useEffect, useState } from "react";

/** A thin bar under the header showing how far through the chapter the reader has scrolled. */
export function ReadingProgress({ targetId }: { targetId: string }) {
  const [percent, setPercent] = useState(0);
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const rect = target.getBoundingClientRect();
      const total = rect.height - window.innerHeight;
      const value = total <= 0 ? 100 : Math.min(100, Math.max(0, (-rect.top / total) * 100));
      setPercent(Math.round(value));
    };
    const onScroll = () => {
      if (!frame) frame = window.requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, [targetId]);
  return (
    <div
      role="progressbar"
      aria-label="Reading progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="fixed inset-x-0 top-14 z-30 h-1 bg-transparent"
    >
      <div className="h-full bg-brand-500 transition-[width] duration-100" style={{ width: `${percent}%` }} />
    </div>
  );
}
