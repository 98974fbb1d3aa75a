"use client";

import { useState } from "react";
import { DEFAULT_ATTRS, DEFAULT_ORDER, MIDDLEWARE, orderWarnings, runPipeline, type MiddlewareId, type PipelineResult, type RequestAttrs } from "@/lib/core/widgets/middleware/model";
import { Badge } from "@/components/ui/badge";
import { SelectField, type SelectOption } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, NumberField, WidgetBox, cx } from "./ui";

const OUTCOME_TONE = { pass: "success", reject: "danger", off: "neutral", "not reached": "neutral", answered: "info" } as const;

const JWTS: readonly SelectOption<RequestAttrs["jwt"]>[] = [{ value: "valid", label: "Valid" }, { value: "missing", label: "Missing" }, { value: "expired", label: "Expired" }];
const CONTENT_TYPES = (["application/json", "text/plain", "text/xml"] as const satisfies readonly RequestAttrs["contentType"][]).map((t) => ({ value: t, label: t }));

export function MiddlewarePipeline() {
  const [order, setOrder] = useState<MiddlewareId[]>(() => [...DEFAULT_ORDER]);
  const [enabled, setEnabled] = useState<Record<MiddlewareId, boolean>>(() => Object.fromEntries(DEFAULT_ORDER.map((m) => [m, true])) as Record<MiddlewareId, boolean>);
  const [attrs, setAttrs] = useState<RequestAttrs>(DEFAULT_ATTRS);
  const [result, setResult] = useState<PipelineResult | null>(null);
  const [log, setLog] = useState<string[]>([]);
  const [sent, setSent] = useState(0);
  const warnings = orderWarnings(order, enabled);

  const set = (patch: Partial<RequestAttrs>) => setAttrs((a) => ({ ...a, ...patch }));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j] as MiddlewareId, next[i] as MiddlewareId];
    setOrder(next);
  };
  const send = () => {
    const id = `req-${String(sent + 1).padStart(4, "0")}`;
    const r = runPipeline(order, enabled, attrs, id);
    setSent((n) => n + 1);
    setResult(r);
    setLog((l) => [r.logLine ?? `${id}: no log line (the logger never ran)`, ...l].slice(0, 6));
    // The rate-limit window counts this request too.
    set({ requestsThisMinute: attrs.requestsThisMinute + 1 });
  };

  return (
    <WidgetBox label="Middleware pipeline">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:grid-cols-2">
        <Card title="The Express app">
          <pre tabIndex={0} role="region" aria-label="Express app code" className="overflow-x-auto text-xs leading-5">
            <code>
              {order.map((m) => `${enabled[m] ? "" : "// "}${MIDDLEWARE[m].code}`).join("\n")}
              {"\n\napp.post('/api/users', async (req, res) => {\n  const user = await User.create(params);\n  res.status(201).json(user);\n});\napp.use(errorHandler); // 500 + error id, no stack"}
            </code>
          </pre>
        </Card>
        <Card title="Pipeline for POST /api/users">
          <ol className="space-y-1" aria-label="Middleware in order">
            {order.map((m, i) => {
              const step = result?.trace.find((t) => t.id === m);
              return (
                <li key={m} className={cx("flex flex-wrap items-center gap-2 rounded-md border p-1.5", result?.stoppedAt === m ? "border-amber-500" : "border-slate-200 dark:border-slate-700")}>
                  <Check id={`w12-on-${m}`} label={MIDDLEWARE[m].label} checked={enabled[m]} onChange={(v) => setEnabled((e) => ({ ...e, [m]: v }))} />
                  {step ? <Badge tone={OUTCOME_TONE[step.outcome]}>{step.outcome}</Badge> : null}
                  <span className="ml-auto flex gap-1">
                    <Btn aria-label={`Move ${MIDDLEWARE[m].label} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                      ↑
                    </Btn>
                    <Btn aria-label={`Move ${MIDDLEWARE[m].label} down`} disabled={i === order.length - 1} onClick={() => move(i, 1)}>
                      ↓
                    </Btn>
                  </span>
                  {step?.note ? <p className="w-full text-xs">{step.note}</p> : null}
                </li>
              );
            })}
            <li className="rounded-md border border-dashed border-slate-300 p-1.5 text-xs dark:border-slate-600">
              Controller: User.create(params)
              {result?.trace.find((t) => t.id === "controller") ? ` · ${result.trace.find((t) => t.id === "controller")!.note}` : ""}
            </li>
          </ol>
        </Card>
      </div>
      <fieldset className="flex min-w-0 flex-wrap items-end gap-3 rounded-md border border-slate-200 p-2 dark:border-slate-700">
        <legend className="px-1 text-xs font-semibold">Request</legend>
        <Check id="w12-origin" label="Origin allowed" checked={attrs.originAllowed} onChange={(v) => set({ originAllowed: v })} />
        <Check id="w12-preflight" label="Preflight (OPTIONS)" checked={attrs.preflight} onChange={(v) => set({ preflight: v })} />
        <NumberField label="Requests already this minute" id="w12-count" value={attrs.requestsThisMinute} min={0} max={1000} onChange={(v) => set({ requestsThisMinute: v })} />
        <SelectField density="compact" label="JWT" id="w12-jwt" value={attrs.jwt} options={JWTS} onChange={(jwt) => set({ jwt })} />
        <Check id="w12-role" label='Body has extra "role": "admin"' checked={attrs.extraRoleField} onChange={(v) => set({ extraRoleField: v })} />
        <Check id="w12-csrf" label="CSRF token present" checked={attrs.csrfToken} onChange={(v) => set({ csrfToken: v })} />
        <SelectField density="compact" label="Content-Type" id="w12-ctype" value={attrs.contentType} options={CONTENT_TYPES} onChange={(contentType) => set({ contentType })} />
        <Check id="w12-throw" label="Controller throws" checked={attrs.controllerThrows} onChange={(v) => set({ controllerThrows: v })} />
        <Btn variant="primary" onClick={send}>
          Send request
        </Btn>
      </fieldset>
      {warnings.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-amber-900 dark:text-amber-200" aria-label="Order warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {result ? (
        <Card title={`Response ${result.status}`}>
          <p className="font-mono text-xs break-all">
            {Object.entries(result.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join(" · ")}
          </p>
          <p className="font-mono text-xs break-all">{result.body || "(empty body)"}</p>
          <p className="text-xs">{result.browser}</p>
        </Card>
      ) : null}
      <Status testId="w12-status">
        {result
          ? `${result.status}: stopped at ${result.stoppedAt === "controller" ? "the controller" : result.stoppedAt === "errorHandler" ? "the error handler" : MIDDLEWARE[result.stoppedAt].label}. ${result.trace.find((t) => t.id === result.stoppedAt)?.note ?? ""}`
          : "Set the request, then press Send request to see where it stops."}
      </Status>
      {log.length > 0 ? (
        <Card title="Request log">
          <ul className="font-mono text-xs break-words" data-testid="w12-log">
            {log.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">Our choices where the material gives no code: CSRF failure 403, validation failure 422, wrong Content-Type 415.</p>
    </WidgetBox>
  );
}
