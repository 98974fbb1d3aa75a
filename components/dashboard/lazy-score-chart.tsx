"use client";

import dynamic from "next/dynamic";
import type { ScoreChartProps } from "@/components/dashboard/score-chart";

// recharts is large; it loads after the page, and only where a chart is drawn.
const ScoreChart = dynamic(() => import("@/components/dashboard/score-chart"), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded-md bg-slate-100 dark:bg-slate-900" aria-hidden="true" />,
});

export function LazyScoreChart(props: ScoreChartProps) {
  return <ScoreChart {...props} />;
}
