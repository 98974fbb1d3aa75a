"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";

// One tick a second for every timer on the page. The server (and the first client render, which must match it)
// has no clock: it shows "--:--", so the countdown can never cause a hydration mismatch.
function subscribe(onTick: () => void): () => void {
  const t = window.setInterval(onTick, 1000);
  return () => window.clearInterval(t);
}
const clientNow = () => Math.floor(Date.now() / 1000) * 1000;
const serverNow = () => null;

function remaining(deadline: number, now: number): string {
  const s = Math.max(0, Math.ceil((deadline - now) / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The visible countdown of a mock interview. The deadline itself lives on the server, which refuses edits
 * after it; this only shows the time and asks the server to finish the attempt when it reaches zero.
 */
export function MockTimer({ deadline, onExpire }: { deadline: string; onExpire: () => void }) {
  const end = new Date(deadline).getTime();
  const now = useSyncExternalStore(subscribe, clientNow, serverNow);
  const fired = useRef(false);
  useEffect(() => {
    if (now !== null && now >= end && !fired.current) {
      fired.current = true;
      onExpire();
    }
  }, [now, end, onExpire]);
  const left = now === null ? Infinity : end - now;
  const urgent = left < 5 * 60_000;
  const minutesLeft = Math.max(0, Math.ceil(left / 60_000));
  return (
    <p
      className={`rounded-md px-2 py-1 font-mono text-sm font-semibold tabular-nums ${urgent ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 dark:bg-slate-800"}`}
      data-testid="mock-timer"
    >
      <span className="sr-only">Time left in the mock interview: </span>
      <span aria-hidden="true">{now === null ? "--:--" : remaining(end, now)}</span>
      {/* Screen readers hear whole minutes only, not a tick every second. */}
      <span className="sr-only">{now === null ? "" : `${minutesLeft} minutes`}</span>
    </p>
  );
}
