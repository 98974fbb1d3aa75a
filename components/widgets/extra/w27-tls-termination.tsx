"use client";

import { useId, useState } from "react";
import { meets, recommend, REQUIREMENTS, STRATEGIES, type Requirement, type Strategy } from "@/lib/core/widgets/tls-termination";
import { HopDiagram, RecommendationLine, RequirementChecks, StrategyFacts } from "./w27-tls-termination-view";
import { Status } from "@/components/ui/alert";
import { ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

export function TlsTermination() {
  const id = useId();
  const [strategy, setStrategy] = useState<Strategy>("edge");
  const [requirements, setRequirements] = useState<Requirement[]>(["caching"]);
  const rec = recommend(requirements);
  const met = requirements.filter((r) => meets(strategy, r).ok).length;
  const label = (s: Strategy) => STRATEGIES.find((x) => x.id === s)?.label ?? s;

  return (
    <WidgetPanel label="TLS termination strategy chooser">
      <fieldset className="space-y-1">
        <legend className="font-medium">Where TLS ends</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {STRATEGIES.map((s) => (
            <div key={s.id} className="flex items-center gap-2">
              <input
                id={`${id}-${s.id}`}
                type="radio"
                name={`${id}-strategy`}
                className="size-4 accent-brand-600"
                checked={strategy === s.id}
                onChange={() => setStrategy(s.id)}
              />
              <label htmlFor={`${id}-${s.id}`}>{s.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="mb-1 font-medium">Requirements</legend>
        {REQUIREMENTS.map((r) => (
          <ToggleField
            key={r.id}
            id={`${id}-${r.id}`}
            label={r.label}
            hint={r.hint}
            checked={requirements.includes(r.id)}
            onChange={(v) => setRequirements((prev) => (v ? [...prev, r.id] : prev.filter((x) => x !== r.id)))}
          />
        ))}
      </fieldset>
      <Status>
        {`${label(strategy)} meets ${met} of ${requirements.length} requirement${requirements.length === 1 ? "" : "s"}. `}
        {rec.strategy ? `Simplest fit: ${label(rec.strategy)}.` : "No strategy meets them all."}
      </Status>
      <HopDiagram strategy={strategy} />
      <StrategyFacts strategy={strategy} requirements={requirements} />
      <RequirementChecks strategy={strategy} requirements={requirements} />
      <RecommendationLine requirements={requirements} />
      {rec.strategy && rec.strategy !== strategy ? (
        <button type="button" className={buttonClass("secondary")} onClick={() => setStrategy(rec.strategy as Strategy)}>
          Switch to {label(rec.strategy)}
        </button>
      ) : null}
    </WidgetPanel>
  );
}
