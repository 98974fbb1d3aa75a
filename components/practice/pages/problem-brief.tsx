import { optionLabel, regionLabel } from "@/lib/core/canvas/labels";
import { CHECKLIST_TITLES } from "@/lib/core/canvas/result-format";
import { describeWeights, REQUIRED_ITEM_CAP, rubricWeights } from "@/lib/core/canvas/rubric";
import { Section } from "@/components/ui/section";
import { formatNumber } from "@/lib/core/util/format";
import { ChapterLink } from "../result/link-titles";
import type { ProblemBrief } from "./types";
import { linkClass } from "@/components/ui/link";

function RequirementList({ id, title, items }: { id: string; title: string; items: readonly string[] }) {
  return (
    <Section id={id} title={title} as="h3" size="base">
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {items.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </Section>
  );
}

const percent = (r: number) => `${Number((r * 100).toFixed(3))} %`;

/** The problem statement beside the canvas: brief, requirements, scenario and hints. */
export function ProblemBriefPanel({ problem }: { problem: ProblemBrief }) {
  const s = problem.scenario;
  return (
    <div className="space-y-5 text-sm">
      <div
        className="space-y-3 leading-relaxed [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs dark:[&_code]:bg-slate-800"
        dangerouslySetInnerHTML={{ __html: problem.briefHtml }}
      />
      {problem.requirementsHidden ? (
        <p className="rounded-md border border-slate-200 p-2 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          Working out the requirements is the interview’s first stage, so the brief’s own list appears here once you
          have answered it.
        </p>
      ) : (
        <>
          <RequirementList id="req-functional" title="Functional requirements" items={problem.functional} />
          <RequirementList id="req-nonfunctional" title="Non-functional requirements" items={problem.nonFunctional} />
        </>
      )}
      <Section id="req-scenario" title="Scenario the score uses" as="h3" size="base">
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">Load</dt>
          <dd>{formatNumber(s.rps, 3)} requests/s</dd>
          <dt className="text-slate-600 dark:text-slate-400">Reads</dt>
          <dd>{percent(s.readRatio)}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Clients</dt>
          <dd>{problem.clients.map((c) => `${regionLabel(c.region)} ${percent(c.share)} (${optionLabel("platform", c.platform).toLowerCase()})`).join(", ")}</dd>
          <dt className="text-slate-600 dark:text-slate-400">p99 target</dt>
          <dd>{s.targets.p99Ms} ms</dd>
          <dt className="text-slate-600 dark:text-slate-400">Availability</dt>
          <dd>{percent(s.targets.availability)}</dd>
        </dl>
      </Section>
      <section aria-labelledby="req-rubric" data-testid="brief-rubric">
        <h3 id="req-rubric" className="font-semibold">
          How your design is scored
        </h3>
        <p className="mt-1">{describeWeights(rubricWeights(problem.rubric))}.</p>
        {problem.rubric?.required?.length ? (
          <>
            <p className="mt-1">
              Required: a design that fails any of these is capped at {REQUIRED_ITEM_CAP}/100 and does not pass the stage.
            </p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {problem.rubric.required.map((id) => (
                <li key={id}>
                  <a href={`/learn/checklist#${id}`} className={linkClass()}>
                    {CHECKLIST_TITLES[id] ?? "A design checklist item"}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="req-hints">
        <h3 id="req-hints" className="font-semibold">
          Hints
        </h3>
        <ul className="mt-1 space-y-2">
          {problem.hints.map((h, i) => (
            <li key={h.href + h.text}>
              <details>
                <summary className="cursor-pointer font-medium">Hint {i + 1}</summary>
                <p className="mt-1">{h.text}</p>
                <ChapterLink href={h.href} prefix="Read the section: " />
              </details>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
