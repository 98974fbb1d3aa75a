import { DEFAULT_SLOW_START, simulateCwnd, transferEstimate, type CwndPoint, type TransferEstimate } from "@/lib/core/widgets/slow-start";
import { Table, Td, type Column } from "@/components/ui/table";
import { ScrollBox, StaticNote, WidgetPanel, formatMs } from "./ui";

const W = 340;
const H = 190;
const PAD = { l: 36, r: 8, t: 10, b: 28 };

export function CwndChart({ points }: { points: CwndPoint[] }) {
  const maxRound = points.at(-1)?.round ?? 1;
  const maxY = Math.max(...points.map((p) => Math.max(p.cwnd, p.ssthresh)), 10);
  const x = (r: number) => PAD.l + (r / Math.max(1, maxRound)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b);
  const line = points.map((p) => `${x(p.round).toFixed(1)},${y(p.cwnd).toFixed(1)}`).join(" ");
  const ticks = [0, Math.round(maxY / 2), maxY];
  const last = points.at(-1);
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-xl text-slate-700 dark:text-slate-300" role="img" aria-label={`Congestion window over ${maxRound} round trips, ending at ${last?.cwnd ?? 0} segments`}>
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="currentColor" strokeWidth="1" />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} stroke="currentColor" strokeWidth="1" />
        {ticks.map((t) => (
          <text key={t} x={PAD.l - 4} y={y(t) + 3} fontSize="9" textAnchor="end" fill="currentColor">
            {t}
          </text>
        ))}
        {points.map((p) => (
          <text key={p.round} x={x(p.round)} y={H - PAD.b + 12} fontSize="8" textAnchor="middle" fill="currentColor">
            {p.round}
          </text>
        ))}
        <text x={(W + PAD.l) / 2} y={H - 2} fontSize="9" textAnchor="middle" fill="currentColor">
          round trips
        </text>
        <polyline
          points={points.map((p) => `${x(p.round).toFixed(1)},${y(p.ssthresh).toFixed(1)}`).join(" ")}
          fill="none"
          stroke="currentColor"
          strokeDasharray="4 3"
          strokeWidth="1"
          opacity="0.6"
        />
        <polyline points={line} fill="none" className="stroke-brand-600 dark:stroke-brand-100" strokeWidth="2.5" />
        {points.map((p) =>
          p.event ? (
            <circle key={p.round} cx={x(p.round)} cy={y(p.cwnd)} r="4.5" className={p.event === "timeout" ? "fill-red-600" : "fill-amber-500"} />
          ) : (
            <circle key={p.round} cx={x(p.round)} cy={y(p.cwnd)} r="2.5" className="fill-brand-600 dark:fill-brand-100" />
          ),
        )}
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        Solid line: cwnd in segments. Dashed: ssthresh. Amber dot: three duplicate ACKs. Red dot: timeout.
      </figcaption>
    </figure>
  );
}

const CWND_COLUMNS: Column[] = [
  { label: "Round", numeric: true },
  { label: "Time", numeric: true },
  { label: "cwnd", numeric: true, unit: "segments" },
  { label: "ssthresh", numeric: true, unit: "segments" },
  { label: "Phase", className: "font-sans" },
];

export function CwndTable({ points }: { points: CwndPoint[] }) {
  return (
    <details className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800">
      <summary className="cursor-pointer font-medium">The values, round by round</summary>
      <ScrollBox label="Congestion window values" className="mt-2 max-h-64 overflow-auto">
        <Table caption="Congestion window, round by round" captionHidden columns={CWND_COLUMNS} size="xs" className="font-mono" wrapperClassName="">
          {points.map((p) => (
            <tr key={p.round}>
              <Td size="xs" numeric>{p.round}</Td>
              <Td size="xs" numeric>{formatMs(p.timeMs)}</Td>
              <Td size="xs" numeric>{p.cwnd}</Td>
              <Td size="xs" numeric>{p.ssthresh}</Td>
              <Td size="xs" className="font-sans">{p.event === "dupacks" ? "3 duplicate ACKs" : p.event === "timeout" ? "timeout" : p.phase}</Td>
            </tr>
          ))}
        </Table>
      </ScrollBox>
    </details>
  );
}

export function TransferLine({ est }: { est: TransferEstimate }) {
  return (
    <p>
      A {Math.round(est.bytes / 1000).toLocaleString("en-US")} KB response needs <strong>{est.freshRounds}</strong> round trip
      {est.freshRounds === 1 ? "" : "s"} ({formatMs(est.freshMs)}) on a fresh connection and <strong>{est.reusedRounds}</strong> (
      {formatMs(est.reusedMs)}) on a reused one that kept its window.
    </p>
  );
}

export function SlowStartStatic() {
  const points = simulateCwnd(DEFAULT_SLOW_START);
  return (
    <WidgetPanel label="Slow start and the congestion window">
      <CwndChart points={points} />
      <TransferLine est={transferEstimate(100_000, DEFAULT_SLOW_START.rttMs, DEFAULT_SLOW_START.ssthresh)} />
      <CwndTable points={points} />
      <StaticNote>
        Shown for a new CUBIC connection with a 100 ms RTT and ssthresh 80: 10, 20, 40, 80 segments, then one more per round
        trip (CUBIC&apos;s Reno-friendly floor) until a loss; then CUBIC cuts to 0.7 of the window and regrows along its curve.
        The RTT, threshold, loss events and keep-alive controls appear once the page&apos;s scripts have loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
