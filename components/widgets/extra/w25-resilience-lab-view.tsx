import {
  DEFAULT_LAB,
  newLabState,
  OWN_MS,
  sendRequest,
  SLOW_C_MS,
  FAILING_C_MS,
  summariseConfig,
  totals,
  type BreakerState,
  type LabConfig,
  type LabState,
  type RequestTrace,
} from "@/lib/core/widgets/resilience-lab";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td, Th, type Column } from "@/components/ui/table";
import { ScrollBox, StaticNote, WidgetPanel, formatMs } from "./ui";

const CALL_COLUMNS: Column[] = [
  { label: "Call" },
  { label: "At", numeric: true },
  { label: "Budget left", numeric: true },
  { label: "Timeout", numeric: true },
  { label: "Result" },
];

const BREAKER_TONE: Record<BreakerState, Tone> = { closed: "success", open: "danger", "half-open": "warning" };

export function Chain({ config, state }: { config: LabConfig; state: LabState }) {
  const cTime = config.cMode === "slow" ? `${formatMs(SLOW_C_MS)} (slow)` : config.cMode === "failing" ? `fails after ${formatMs(FAILING_C_MS)}` : formatMs(OWN_MS.c);
  const box = "rounded-md border border-slate-300 bg-white px-3 py-2 text-center dark:border-slate-600 dark:bg-slate-800";
  return (
    <div className="flex flex-col items-stretch gap-1 sm:flex-row sm:items-center" aria-label="The call chain">
      <div className={box}>
        <p className="font-semibold">A</p>
        <p className="text-xs">own work {formatMs(OWN_MS.a)}</p>
      </div>
      <p className="text-center text-xs sm:px-1">
        → timeout {formatMs(config.abTimeoutMs)}
        {config.propagateDeadline ? " or less (deadline)" : ""} →
      </p>
      <div className={box}>
        <p className="font-semibold">B</p>
        <p className="text-xs">own work {formatMs(OWN_MS.b)}</p>
      </div>
      <p className="text-center text-xs sm:px-1">
        → {config.timeoutMode === "adaptive" ? "adaptive timeout" : `timeout ${formatMs(config.bcTimeoutMs)}`}
        {config.breaker ? (
          <Badge tone={BREAKER_TONE[state.breaker.state]} className="ml-1">
            breaker {state.breaker.state}
          </Badge>
        ) : null}{" "}
        →
      </p>
      <div className={box}>
        <p className="font-semibold">C (charges a card)</p>
        <p className="text-xs">{cTime}</p>
      </div>
    </div>
  );
}

export function ConfigFacts({ config }: { config: LabConfig }) {
  const s = summariseConfig(config);
  return (
    <ul className="list-disc space-y-1 pl-5">
      <li>
        Worst case, one user request reaches C <strong>{s.worstCallsToC}</strong> time{s.worstCallsToC === 1 ? "" : "s"}
        {config.retries > 0 ? ` (${config.retries + 1} attempts at A × ${config.retries + 1} at B)` : ""}.
      </li>
      <li>
        A can spend up to <strong>{formatMs(s.abBudgetMs)}</strong> on B (every attempt to its timeout, plus backoff)
        {s.abBudgetExceedsDeadline ? `, more than the ${formatMs(config.deadlineMs)} deadline allows` : `, inside the ${formatMs(config.deadlineMs)} deadline`}.
      </li>
    </ul>
  );
}

const OUTCOME_TEXT: Record<string, string> = {
  ok: "answered",
  timeout: "timed out",
  error: "error",
  "fast-fail": "failed fast (breaker open)",
  "no budget": "not sent: no budget left",
};

export function TraceTable({ trace }: { trace: RequestTrace | undefined }) {
  if (!trace) return <p className="text-slate-600 dark:text-slate-400">No request sent yet.</p>;
  return (
    <div className="space-y-1">
      <p>
        Request {trace.n}: <strong>{trace.userOutcome}</strong> after {formatMs(trace.userMs)}; B called {trace.callsToB}×, C reached{" "}
        {trace.callsToC}×, {trace.charges} charge{trace.charges === 1 ? "" : "s"}
        {trace.duplicateCharges > 0 ? <strong className="text-red-700 dark:text-red-400"> ({trace.duplicateCharges} duplicate)</strong> : null}.
      </p>
      <ScrollBox label="Calls of this request" className="overflow-x-auto">
        <Table caption={`Every call made for request ${trace.n}`} captionHidden columns={CALL_COLUMNS} size="xs" wrapperClassName="">
          {trace.calls.map((c, i) => (
            <tr key={i}>
              <Th scope="row" size="xs" className="font-mono font-normal">{c.hop}</Th>
              <Td size="xs" numeric className="font-mono">{formatMs(c.startMs - trace.startMs)}</Td>
              <Td size="xs" numeric className="font-mono">{formatMs(Math.max(0, c.remainingMs))}</Td>
              <Td size="xs" numeric className="font-mono">{c.timeoutMs > 0 ? formatMs(c.timeoutMs) : "—"}</Td>
              <Td size="xs">
                {OUTCOME_TEXT[c.outcome]}
                {c.charged === "new" ? "; C charged the card" : c.charged === "deduplicated" ? "; duplicate ignored (same key)" : ""}
              </Td>
            </tr>
          ))}
        </Table>
      </ScrollBox>
    </div>
  );
}

export function LabTotals({ state }: { state: LabState }) {
  const t = totals(state);
  return (
    <p>
      Totals: {t.requests} request{t.requests === 1 ? "" : "s"}, {t.failed} failed, C reached {t.callsToC}×, {t.charges} charge
      {t.charges === 1 ? "" : "s"}, <strong>{t.duplicateCharges} duplicate</strong>.
    </p>
  );
}

export function ResilienceLabStatic() {
  const config: LabConfig = { ...DEFAULT_LAB, cMode: "slow" };
  const state = sendRequest(newLabState(), config);
  return (
    <WidgetPanel label="Timeouts, retries and circuit breaker lab">
      <Chain config={config} state={state} />
      <ConfigFacts config={config} />
      <TraceTable trace={state.traces[0]} />
      <StaticNote>
        Shown with C slow, 2 retries at each layer, no idempotency keys and no breaker. The controls for timeouts, retries,
        keys, the breaker and C&apos;s health appear once the page&apos;s scripts have loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
