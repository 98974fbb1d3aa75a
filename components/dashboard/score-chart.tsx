"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ScorePoint } from "@/lib/schemas/dashboard";

const short = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const long = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** Score per attempt over time. The table beside it (in the page) carries the same data for screen readers. */
export default function ScoreChart({ points }: { points: ScorePoint[] }) {
  const data = points.map((p, i) => ({ ...p, n: i + 1 }));
  return (
    <div className="h-64 w-full text-slate-500" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.25} />
          <XAxis dataKey="n" tickFormatter={(n: number) => short.format(new Date(data[n - 1]?.at ?? 0))} stroke="currentColor" fontSize={12} />
          <YAxis domain={[0, 100]} unit="%" stroke="currentColor" fontSize={12} width={48} />
          <Tooltip
            labelFormatter={(n) => {
              const p = data[Number(n) - 1];
              return p ? `${p.label} · ${long.format(new Date(p.at))}` : "";
            }}
            formatter={(v) => [`${String(v)} %`, "Score"]}
            contentStyle={{ background: "var(--color-white, #fff)", color: "#0f172a" }}
          />
          <Line type="monotone" dataKey="percent" stroke="var(--color-brand-500)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
