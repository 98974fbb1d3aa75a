"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { z } from "zod";
import { createQuestion } from "@/lib/actions/create-question";
import { updateQuestion } from "@/lib/actions/update-question";
import {
  chapterSections,
  questionMemberSchemas,
  questionSchema,
  type ChapterSlug,
  type EstimateTolerance,
  type Question,
  type QuestionType,
} from "@/lib/schemas/question";
import { QuestionPreview } from "./question-preview";
import { refusalText, SaveMessages, useDraftCheck } from "./draft-form";
import { defOf, emptyValue, ObjectFields, type FieldOverride } from "./schema-form";
import { buttonClass } from "@/components/ui/button";
import { callAction } from "@/components/use-action";
import { selectClass } from "@/components/ui/select";

/** The members of the question union, keyed by their `type` literal (read from the schemas themselves). */
const SCHEMAS = Object.fromEntries(
  questionMemberSchemas.map((s) => [defOf(s.shape.type).values?.[0] as QuestionType, s as unknown as z.ZodObject]),
) as Record<QuestionType, z.ZodObject>;

const TYPE_LABELS: Record<QuestionType, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  true_false: "True / false",
  numeric: "Numeric",
  ordering: "Ordering",
  matching: "Matching",
  short_answer: "Short answer",
  estimate: "Estimate (values drawn per attempt)",
};

const TOLERANCE_KINDS: { kind: EstimateTolerance["kind"]; label: string }[] = [
  { kind: "relative", label: "Within a percentage of the answer" },
  { kind: "factor", label: "Within a factor of the answer" },
  { kind: "magnitude", label: "Same power of ten as the answer" },
];

/** The estimate tolerance is a union the generated form cannot draw: a kind, then its number if it has one. */
const estimateToleranceField: FieldOverride = ({ id, value, onChange, error, describedBy }) => {
  const t = (value ?? {}) as { kind?: EstimateTolerance["kind"]; value?: number };
  const kind = t.kind ?? "relative";
  const percent = kind === "relative";
  const shown = t.value === undefined ? "" : String(percent ? Math.round(t.value * 1e6) / 1e4 : t.value);
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="block text-sm font-medium">Tolerance</legend>
      <label htmlFor={`${id}-kind`} className="mt-1 block text-sm">
        Kind
      </label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => {
          const next = e.target.value as EstimateTolerance["kind"];
          onChange({ kind: next });
        }}
        className={selectClass}
      >
        {TOLERANCE_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {kind === "magnitude" ? null : (
        <>
          <label htmlFor={`${id}-value`} className="mt-2 block text-sm">
            {percent ? "Percentage either side (%)" : "Factor (greater than 1, ×)"}
          </label>
          <input
            id={`${id}-value`}
            type="number"
            inputMode="decimal"
            step="any"
            value={shown}
            onChange={(e) => {
              const n = e.target.value === "" ? undefined : Number(e.target.value);
              const v = n === undefined || !Number.isFinite(n) ? undefined : percent ? n / 100 : n;
              onChange(v === undefined ? { kind } : { kind, value: v });
            }}
            className={selectClass}
          />
        </>
      )}
      {error ? <p id={describedBy} className="mt-1 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </fieldset>
  );
};

const COMMON = ["id", "chapter", "section", "difficulty", "tags", "prompt", "explanation"] as const;

function blank(type: QuestionType, keep: Record<string, unknown> = {}): Record<string, unknown> {
  const fresh = emptyValue(SCHEMAS[type]) as Record<string, unknown>;
  const carried = Object.fromEntries(COMMON.flatMap((k) => (keep[k] === undefined ? [] : [[k, keep[k]]])));
  const base: Record<string, unknown> = { ...fresh, ...carried, type };
  if (!keep.chapter) {
    base.chapter = "big-picture";
    base.section = chapterSections["big-picture"][0];
    base.id = "big-picture/";
    base.tags = [""];
  }
  return base;
}

/** chapter → section id → section title, read on the server from the chapters' headings. */
export type SectionTitles = Record<string, Record<string, string>>;

export function QuestionEditor({
  initial,
  baseVersion,
  sectionTitles,
  chapterTitles,
}: {
  initial?: Question;
  baseVersion?: number;
  sectionTitles: SectionTitles;
  /** chapter slug → title, so the chooser shows titles. */
  chapterTitles: Record<string, string>;
}) {
  const router = useRouter();
  const editing = initial !== undefined;
  const [draft, setDraft] = useState<Record<string, unknown>>(() => (initial ? { ...initial } : blank("single")));
  const [serverError, setServerError] = useState<string | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [touched, setTouched] = useState(editing);
  const type = draft.type as QuestionType;

  const { parsed, errors } = useDraftCheck(questionSchema, draft);
  const shownErrors = touched ? errors : new Map<string, string>();
  const formLevel = shownErrors.get("");

  const chapter = draft.chapter as ChapterSlug;
  const overrides: Record<string, FieldOverride> = {
    ...(type === "estimate" ? { tolerance: estimateToleranceField } : {}),
    section: ({ id, label, value, onChange, error, describedBy }) => (
      <>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <select id={id} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} className={selectClass}>
          {(chapterSections[chapter] ?? []).map((s) => (
            <option key={s} value={s}>
              {sectionTitles[chapter]?.[s] ?? s}
            </option>
          ))}
        </select>
        {error ? <p className="mt-1 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      </>
    ),
    chapter: ({ id, label, value, onChange }) => (
      <>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <select
          id={id}
          value={String(value ?? "")}
          disabled={editing}
          onChange={(e) => {
            const next = e.target.value as ChapterSlug;
            onChange(next);
            // Keep the section valid and the id's chapter prefix in step with the chapter.
            setDraft((d) => ({
              ...d,
              chapter: next,
              section: chapterSections[next][0],
              id: `${next}/${String(d.id ?? "").split("/").slice(1).join("/")}`,
            }));
          }}
          className={selectClass}
        >
          {Object.keys(chapterSections).map((c) => (
            <option key={c} value={c}>
              {chapterTitles[c] ?? c}
            </option>
          ))}
        </select>
        {editing ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">The chapter is part of the id and stays fixed.</p> : null}
      </>
    ),
  };

  const save = () => {
    setTouched(true);
    setSavedMessage(null);
    if (!parsed.success) {
      setServerError(`Fix the ${errors.size} problem${errors.size === 1 ? "" : "s"} marked below first.`);
      return;
    }
    setServerError(null);
    startTransition(async () => {
      const result = editing
        ? await callAction(() => updateQuestion({ id: initial.id, baseVersion: baseVersion ?? 1, question: parsed.data }))
        : await callAction(() => createQuestion({ question: parsed.data }));
      if (!result.ok) {
        setServerError(refusalText(result));
        return;
      }
      if (editing) {
        setSavedMessage(`Saved as version ${result.data.version}.`);
        router.refresh();
      } else router.push(`/instructor/questions/${result.data.id}`);
    });
  };

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form
        aria-label={editing ? "Edit question" : "New question"}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        onBlur={() => setTouched(true)}
        className="space-y-4"
        noValidate
      >
        <div>
          <label htmlFor="q-type" className="block text-sm font-medium">
            Question type
          </label>
          <select
            id="q-type"
            value={type}
            disabled={editing}
            onChange={(e) => setDraft((d) => blank(e.target.value as QuestionType, d))}
            className={selectClass}
          >
            {(Object.keys(SCHEMAS) as QuestionType[]).map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <ObjectFields
          schema={SCHEMAS[type]}
          path={[]}
          value={draft}
          onChange={(v) => setDraft(v as Record<string, unknown>)}
          errors={shownErrors}
          overrides={overrides}
          readOnly={new Set(editing ? ["id"] : [])}
        />
        {formLevel ? <p className="text-sm text-red-700 dark:text-red-400">{formLevel}</p> : null}
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
          <button
            type="submit"
            disabled={pending}
            className={buttonClass("primary")}
          >
            {pending ? "Saving…" : editing ? "Save as new version" : "Create draft"}
          </button>
          <SaveMessages saved={savedMessage} error={serverError} />
        </div>
      </form>
      <div className="lg:sticky lg:top-20 lg:self-start">
        {parsed.success ? (
          <QuestionPreview question={parsed.data} sectionTitle={sectionTitles[parsed.data.chapter]?.[parsed.data.section] ?? parsed.data.section} />
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="question-preview">
            The preview appears once the question is valid ({errors.size} problem{errors.size === 1 ? "" : "s"} left
            {touched ? ", marked in the form" : ""}).
          </div>
        )}
      </div>
    </div>
  );
}
