import {
  formatQuantity,
  INPUT_FIELDS,
  presetInputs,
  QUANTITIES,
  verdictText,
  workedValue,
  type EstimateCheck,
  type EstimateInputs,
  type Worked,
} from "@/lib/core/widgets/estimate-checker";
import { StaticNote, WidgetPanel } from "./ui";

/** The scenario's inputs as a definition list, each with its unit. */
export function ScenarioInputs({ inputs }: { inputs: EstimateInputs }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
      {INPUT_FIELDS.map((f) => (
        <div key={f.key} className="flex justify-between gap-2 border-b border-slate-200 py-0.5 dark:border-slate-700">
          <dt>{f.label}</dt>
          <dd className="font-mono">
            {inputs[f.key].toLocaleString("en-US")} {f.unit}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function WorkedSteps({ worked }: { worked: Worked }) {
  return (
    <ol className="list-decimal space-y-1 pl-5 font-mono text-xs">
      {worked.steps.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ol>
  );
}

const VERDICT_STYLE: Record<EstimateCheck["verdict"], string> = {
  "on-target": "border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950",
  "right-order": "border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950",
  off: "border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950",
};

/** The result after a check: verdict, both values, the suspected slip and the working. */
export function CheckResult({ check, estimate, worked }: { check: EstimateCheck; estimate: number; worked: Worked }) {
  return (
    <div className={`space-y-2 rounded-md border-l-4 p-3 ${VERDICT_STYLE[check.verdict]}`}>
      <p className="font-semibold">{verdictText(check)}</p>
      <p>
        Your estimate: <strong className="font-mono">{formatQuantity(estimate, worked.kind)}</strong>. Worked value:{" "}
        <strong className="font-mono">{formatQuantity(worked.value, worked.kind)}</strong>.
      </p>
      {check.slips.length > 0 ? (
        <div>
          <p className="font-medium">A likely slip:</p>
          <ul className="list-disc pl-5">
            {check.slips.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <details open={check.verdict !== "on-target"}>
        <summary className="cursor-pointer font-medium">The working</summary>
        <div className="mt-2">
          <WorkedSteps worked={worked} />
        </div>
      </details>
    </div>
  );
}

export function EstimateCheckerStatic() {
  const inputs = presetInputs("url-shortener");
  const worked = workedValue("avg-rps", inputs);
  return (
    <WidgetPanel label="Estimate checker">
      <p className="font-medium">Scenario: URL shortener</p>
      <ScenarioInputs inputs={inputs} />
      <p>
        Figures to estimate: {QUANTITIES.map((q) => q.label.toLowerCase()).join("; ")}.
      </p>
      <p className="font-medium">Worked example: average requests per second</p>
      <WorkedSteps worked={worked} />
      <StaticNote>
        The scenario picker, the editable inputs and the box for your own estimate appear once the page&apos;s scripts have loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
