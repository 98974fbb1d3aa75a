"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDateTime } from "@/components/ui/local-time";
import { formatDay } from "@/lib/core/util/format";
import type { ScorePoint } from "@/lib/schemas/dashboard";


export type ScoreChartProps = {
  points: ScorePoint[];
  /** What the x axis counts: calendar days (quiz attempts) or attempt numbers (evaluations of one design). */
  by?: "date" | "attempt";
  /** The unit of `percent` on the y axis and in the tooltip: a percentage, or points out of 100. */
  unit?: "%" | "points";
};

/**
 * Score per attempt over time. The table beside it (in the page) carries the same data for screen readers, so
 * the chart is hidden from them and keeps no keyboard stop of its own (recharts' accessibility layer is off).
 */
export default function ScoreChart({ points, by = "date", unit = "%" }: ScoreChartProps) {
  const data = points.map((p, i) => ({ ...p, n: i + 1 }));
  const when = useDateTime();
  // The chart is drawn in the browser only (lazy-score-chart), so the reader's own zone is known here.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const tick = by === "attempt" ? (n: number) => `#${n}` : (n: number) => formatDay(data[n - 1]?.at ?? new Date(0), { locale: navigator.language, timeZone, year: false });
  return (
    <div className="h-64 w-full text-slate-600 dark:text-slate-400" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.25} />
          <XAxis dataKey="n" tickFormatter={tick} stroke="currentColor" fontSize={12} allowDecimals={false} />
          <YAxis domain={[0, 100]} unit={unit === "%" ? "%" : ""} stroke="currentColor" fontSize={12} width={unit === "%" ? 48 : 36} />
          <Tooltip
            labelFormatter={(n) => {
              const p = data[Number(n) - 1];
              return p ? `${p.label} · ${when(p.at)}` : "";
            }}
            formatter={(v) => [unit === "%" ? `${String(v)} %` : `${String(v)} / 100`, "Score"]}
            contentStyle={{ background: "var(--color-white, #fff)", color: "#0f172a" }}
          />
          <Line type="monotone" dataKey="percent" stroke="var(--color-brand-500)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
