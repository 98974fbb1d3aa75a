"use client";

import dynamic from "next/dynamic";
import type { ScorePoint } from "@/lib/schemas/dashboard";

// recharts is large; it loads after the page, and only on the dashboard.
const ScoreChart = dynamic(() => import("@/components/dashboard/score-chart"), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded-md bg-slate-100 dark:bg-slate-900" aria-hidden="true" />,
});

export function LazyScoreChart({ points }: { points: ScorePoint[] }) {
  return <ScoreChart points={points} />;
}
