"use client";

import { useEffect, useMemo, useState } from "react";
import { NODES, frameAt, repeatVisitTimeline, type AnimationFrame, type Lane } from "@/lib/core/widgets/dns/model";
import { Btn, WidgetBox, cx } from "./ui";
import { useReducedMotion } from "./use-reduced-motion";

const FRAME_MS = 900;
/** Looping forever costs battery and distracts; three laps make the point, Play starts it again. */
const LAPS = 3;

const LANE_TITLE: Record<Lane, string> = { first: "First visit (caches empty)", repeat: "Repeat visit (within the TTL)" };

function LaneRow({ lane, frame, reached, totalMs }: { lane: Lane; frame: AnimationFrame | undefined; reached: Set<string>; totalMs: number }) {
  const here = frame?.lane === lane ? frame.node : null;
  return (
    <div className="space-y-1">
      <p className="font-semibold">
        {LANE_TITLE[lane]}: {totalMs.toLocaleString("en-US")} ms in all
      </p>
      <ol aria-label={LANE_TITLE[lane]} className="grid grid-cols-4 gap-1 sm:grid-cols-8">
        {NODES.map((n) => (
          <li
            key={n.id}
            aria-current={here === n.id ? "step" : undefined}
            className={cx(
              "rounded border p-1 text-center text-xs motion-safe:transition-all motion-safe:duration-500",
              here === n.id
                ? "motion-safe:scale-105 border-amber-500 bg-amber-100 font-semibold dark:bg-amber-900/50"
                : reached.has(n.id)
                  ? "border-brand-500 bg-brand-50 dark:bg-slate-800"
                  : "border-slate-200 bg-white text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-400",
            )}
          >
            {n.label}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** W13: the first and the repeat lookup of one name, played one after the other on a loop. */
export function DnsCacheAnimation() {
  const { frames, firstMs, repeatMs } = useMemo(() => repeatVisitTimeline({ type: "A", ttl: 300 }), []);
  const reduced = useReducedMotion();
  const [tick, setTick] = useState(0);
  // null until the reader chooses: then it follows their reduced-motion setting (no autoplay when reduced).
  const [choice, setChoice] = useState<boolean | null>(null);
  const playing = (choice ?? !reduced) && tick < frames.length * LAPS - 1;

  useEffect(() => {
    if (!playing) return;
    const t = window.setTimeout(() => setTick((n) => n + 1), FRAME_MS);
    return () => window.clearTimeout(t);
  }, [playing, tick]);

  const frame = frameAt(frames, tick);
  const position = tick % frames.length;
  const reachedIn = (lane: Lane) => new Set(frames.filter((f, i) => f.lane === lane && i <= position).map((f) => f.node));

  const play = () => {
    if (tick >= frames.length * LAPS - 1) setTick(0);
    setChoice(true);
  };

  return (
    <WidgetBox label="DNS cache animation">
      <div className="flex flex-wrap gap-2">
        <Btn variant="primary" pressed={playing} onClick={playing ? () => setChoice(false) : play}>
          {playing ? "Pause" : "Play"}
        </Btn>
        <Btn
          onClick={() => {
            setChoice(false);
            setTick((n) => n + 1);
          }}
        >
          Next frame
        </Btn>
      </div>
      <LaneRow lane="first" frame={frame} reached={reachedIn("first")} totalMs={firstMs} />
      <LaneRow lane="repeat" frame={frame} reached={frame?.lane === "repeat" ? reachedIn("repeat") : new Set()} totalMs={repeatMs} />
      {/* While it plays, a live region would talk over the reader every frame; it speaks only on manual steps. */}
      <p
        aria-live={playing ? "off" : "polite"}
        data-testid="w13-status"
        className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        {frame ? `${frame.lane === "first" ? "First visit" : "Repeat visit"}, ${frame.detail}: ${frame.elapsedMs.toLocaleString("en-US")} ms so far.` : "Nothing to show."}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {reduced && choice === null
          ? "Your system asks for reduced motion, so the animation waits: press Play, or step with Next frame."
          : `Each frame lasts ${(FRAME_MS / 1000).toLocaleString("en-US")} s; the loop plays ${LAPS} times. Times shown are the lookup's, not the animation's.`}
      </p>
    </WidgetBox>
  );
}
