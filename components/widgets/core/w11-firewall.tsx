"use client";

import { useState } from "react";
import { DEFAULT_RULES, PRESETS, RECOMMENDED, describeRule, moveRule, testPacket, toggleRule, type TestPacket, type Verdict, type WidgetRule } from "@/lib/core/widgets/firewall/model";
import { Badge } from "@/components/ui/badge";
import { SelectField, type SelectOption } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, NumberField, WidgetBox, cx } from "./ui";

const DIRECTIONS: readonly SelectOption<TestPacket["direction"]>[] = [{ value: "inbound", label: "Inbound" }, { value: "outbound", label: "Outbound" }];
const PROTOCOLS: readonly SelectOption<TestPacket["protocol"]>[] = [{ value: "tcp", label: "TCP" }, { value: "udp", label: "UDP" }];
const SOURCES: readonly SelectOption<TestPacket["source"]>[] = [{ value: "internet", label: "Internet" }, { value: "internal", label: "Internal (app servers)" }];

export function FirewallTester() {
  const [rules, setRules] = useState<WidgetRule[]>(() => [...DEFAULT_RULES]);
  const [packet, setPacket] = useState<TestPacket>({ direction: "inbound", protocol: "tcp", port: 443, source: "internet" });
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [message, setMessage] = useState("Build a packet and press Test packet. Rules are checked from the top; the first match decides.");

  const check = (p: TestPacket, rs: WidgetRule[] = rules) => {
    const v = testPacket(rs, p);
    setVerdict(v);
    setMessage(`${p.direction} ${p.protocol.toUpperCase()} ${p.port} from ${p.source}: ${v.action.toUpperCase()}. ${v.explanation}`);
  };
  const edit = (patch: Partial<TestPacket>) => {
    setPacket((p) => ({ ...p, ...patch }));
    setVerdict(null);
  };
  const changeRules = (next: WidgetRule[], text: string) => {
    setRules(next);
    setVerdict(null);
    setMessage(text);
  };

  return (
    <WidgetBox label="Firewall rules tester">
      <p className="text-xs">A generic ordered firewall or network ACL. (AWS security groups work differently: allow-only, stateful and unordered.)</p>
      <ol aria-label="Rules, checked top to bottom" className="space-y-1">
        {rules.map((r, i) => (
          <li
            key={r.id}
            className={cx(
              "flex flex-wrap items-center gap-2 rounded-md border p-2",
              verdict?.ruleId === r.id ? "border-amber-500 bg-amber-50 dark:bg-amber-900/40" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950",
              !r.enabled && "border-dashed",
            )}
          >
            <span className="w-5 font-mono text-xs">{i + 1}</span>
            <Badge tone={r.action === "allow" ? "success" : "danger"}>{r.action.toUpperCase()}</Badge>
            <span className="min-w-0 flex-1 text-xs sm:text-sm">
              {r.direction} {(r.protocol ?? "any").toUpperCase()} {r.port ?? "any"}
              {r.source ? ` · source ${r.source}` : ""} · {r.note}
              {r.enabled ? "" : " (off: skipped)"}
            </span>
            <label htmlFor={`w11-on-${r.id}`} className="inline-flex items-center gap-1 text-xs">
              <input id={`w11-on-${r.id}`} type="checkbox" checked={r.enabled} onChange={() => changeRules(toggleRule(rules, r.id), `Rule ${i + 1} ${r.enabled ? "disabled" : "enabled"}.`)} className="size-4 accent-brand-600" />
              <span className="sr-only">Rule {i + 1} </span>on
            </label>
            <Btn aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => changeRules(moveRule(rules, r.id, -1), `Rule “${r.note}” moved to position ${i}.`)}>
              ↑
            </Btn>
            <Btn aria-label={`Move rule ${i + 1} down`} disabled={i === rules.length - 1} onClick={() => changeRules(moveRule(rules, r.id, 1), `Rule “${r.note}” moved to position ${i + 2}.`)}>
              ↓
            </Btn>
          </li>
        ))}
        <li className={cx("rounded-md border border-dashed p-2 text-xs", verdict && verdict.rule === null ? "border-amber-500 bg-amber-50 dark:bg-amber-900/40" : "border-slate-300 dark:border-slate-600")}>
          Default: DENY everything that matched no rule.
        </li>
      </ol>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          check(packet);
        }}
      >
        <SelectField density="compact" label="Direction" id="w11-direction" value={packet.direction} options={DIRECTIONS} onChange={(direction) => edit({ direction })} />
        <SelectField density="compact" label="Protocol" id="w11-protocol" value={packet.protocol} options={PROTOCOLS} onChange={(protocol) => edit({ protocol })} />
        <NumberField label="Port" id="w11-port" value={packet.port} min={0} max={65535} onChange={(v) => edit({ port: v })} />
        <SelectField density="compact" label="Source" id="w11-source" value={packet.source} options={SOURCES} onChange={(source) => edit({ source })} />
        <Btn type="submit" variant="primary">
          Test packet
        </Btn>
      </form>
      <details>
        <summary className="cursor-pointer font-medium">Try a preset packet</summary>
        <div className="mt-1 flex flex-wrap gap-1">
          {PRESETS.map((p) => (
            <Btn
              key={p.label}
              onClick={() => {
                setPacket(p.packet);
                check(p.packet);
              }}
            >
              {p.label}
            </Btn>
          ))}
        </div>
      </details>
      {verdict ? (
        <p data-testid="w11-verdict" className="font-semibold">
          <Badge tone={verdict.action === "allow" ? "success" : "danger"}>{verdict.action.toUpperCase()}</Badge> {verdict.rule === null ? "default deny" : `rule ${verdict.rule}: ${describeRule(rules[verdict.rule - 1]!)}`}
        </p>
      ) : null}
      <Status testId="w11-status">{message}</Status>
      <details>
        <summary className="cursor-pointer font-medium">A sensible production set</summary>
        <ul className="mt-1 list-disc pl-5">
          {RECOMMENDED.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>
      <Btn onClick={() => changeRules([...DEFAULT_RULES], "Rules reset.")}>Reset rules</Btn>
    </WidgetBox>
  );
}
