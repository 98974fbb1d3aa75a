"use client";

import { useEffect, useRef, useState } from "react";

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
  const [now, setNow] = useState(() => Date.now());
  const fired = useRef(false);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  useEffect(() => {
    if (now >= end && !fired.current) {
      fired.current = true;
      onExpire();
    }
  }, [now, end, onExpire]);
  const left = end - now;
  const urgent = left < 5 * 60_000;
  const minutesLeft = Math.max(0, Math.ceil(left / 60_000));
  return (
    <p
      className={`rounded-md px-2 py-1 font-mono text-sm font-semibold tabular-nums ${urgent ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 dark:bg-slate-800"}`}
      data-testid="mock-timer"
    >
      <span className="sr-only">Time left in the mock interview: </span>
      <span aria-hidden="true">{remaining(end, now)}</span>
      {/* Screen readers hear whole minutes only, not a tick every second. */}
      <span className="sr-only">{minutesLeft} minutes</span>
    </p>
  );
}
