"use client";

import { useRef, useState } from "react";
import type { PublicQuestion } from "@/lib/schemas/question";
import { describeTolerance, moveItem, parseNumber, setMatch, type Draft } from "@/components/quiz/draft";
import { SHORT_ANSWER_RESPONSE_MAX } from "@/lib/schemas/quiz-limits";
import { describeEstimateTolerance } from "@/lib/core/quiz/estimate-format";
import { optionRow } from "@/components/quiz/styles";

type Props = {
  question: PublicQuestion;
  draft: Draft;
  onChange: (draft: Draft) => void;
  disabled?: boolean;
  /** Unique per rendered question, so ids stay unique when several questions are on one page. */
  idPrefix: string;
  /** The id of the element holding the prompt, used as the group's accessible name. */
  labelledBy: string;
};

/** The answer controls for one question: native radios, checkboxes, inputs and selects, so the keyboard just works. */
export function QuestionInput({ question, draft, onChange, disabled = false, idPrefix, labelledBy }: Props) {
  switch (question.type) {
    case "single":
    case "multiple": {
      const multiple = question.type === "multiple";
      return (
        <fieldset aria-labelledby={labelledBy} className="space-y-2" disabled={disabled}>
          <legend className="sr-only">{multiple ? "Select all that apply" : "Choose one answer"}</legend>
          {multiple ? <p className="text-sm text-slate-600 dark:text-slate-400">Select all that apply.</p> : null}
          {question.choices.map((c) => {
            const id = `${idPrefix}-${c.id}`;
            const checked =
              draft.type === "single" ? draft.choiceId === c.id : draft.type === "multiple" ? draft.choiceIds.includes(c.id) : false;
            return (
              <label key={c.id} htmlFor={id} className={optionRow}>
                <input
                  id={id}
                  type={multiple ? "checkbox" : "radio"}
                  name={`${idPrefix}-choice`}
                  value={c.id}
                  checked={checked}
                  className="mt-1 h-4 w-4 shrink-0 accent-brand-600"
                  onChange={(e) => {
                    if (draft.type === "single") onChange({ type: "single", choiceId: c.id });
                    else if (draft.type === "multiple") {
                      const next = e.target.checked ? [...draft.choiceIds, c.id] : draft.choiceIds.filter((x) => x !== c.id);
                      onChange({ type: "multiple", choiceIds: question.choices.map((x) => x.id).filter((x) => next.includes(x)) });
                    }
                  }}
                />
                <span>{c.text}</span>
              </label>
            );
          })}
        </fieldset>
      );
    }
    case "true_false":
      return (
        <fieldset aria-labelledby={labelledBy} className="grid gap-2 sm:grid-cols-2" disabled={disabled}>
          <legend className="sr-only">True or false</legend>
          {[true, false].map((v) => {
            const id = `${idPrefix}-${v ? "true" : "false"}`;
            return (
              <label key={id} htmlFor={id} className={optionRow}>
                <input
                  id={id}
                  type="radio"
                  name={`${idPrefix}-tf`}
                  checked={draft.type === "true_false" && draft.value === v}
                  className="mt-1 h-4 w-4 accent-brand-600"
                  onChange={() => onChange({ type: "true_false", value: v })}
                />
                <span>{v ? "True" : "False"}</span>
              </label>
            );
          })}
        </fieldset>
      );
    case "short_answer": {
      const id = `${idPrefix}-text`;
      return (
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            Your answer
          </label>
          <input
            id={id}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={SHORT_ANSWER_RESPONSE_MAX}
            value={draft.type === "short_answer" ? draft.text : ""}
            disabled={disabled}
            aria-describedby={`${id}-hint`}
            onChange={(e) => onChange({ type: "short_answer", text: e.target.value })}
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
          <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {question.caseSensitive ? "Capital letters matter." : "Capital letters do not matter."} Up to{" "}
            {SHORT_ANSWER_RESPONSE_MAX} characters.
          </p>
        </div>
      );
    }
    case "numeric":
    case "estimate":
      return <NumericInput question={question} draft={draft} onChange={onChange} disabled={disabled} idPrefix={idPrefix} />;
    case "ordering":
      return <OrderingInput question={question} draft={draft} onChange={onChange} disabled={disabled} idPrefix={idPrefix} labelledBy={labelledBy} />;
    case "matching":
      return (
        <fieldset aria-labelledby={labelledBy} className="space-y-3" disabled={disabled}>
          <legend className="sr-only">Match each item with an option</legend>
          <p className="text-sm text-slate-600 dark:text-slate-400">Pick the matching option for each item. Each option fits at most one item; some fit none.</p>
          {question.left.map((l) => {
            const id = `${idPrefix}-${l.id}`;
            const value = draft.type === "matching" ? (draft.matches[l.id] ?? "") : "";
            return (
              <div key={l.id} className="grid gap-1 sm:grid-cols-[1fr_minmax(0,1.2fr)] sm:items-center sm:gap-3">
                <label htmlFor={id} className="font-medium">
                  {l.text}
                </label>
                <select
                  id={id}
                  value={value}
                  className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900"
                  onChange={(e) => {
                    if (draft.type === "matching") onChange({ type: "matching", matches: setMatch(draft.matches, l.id, e.target.value) });
                  }}
                >
                  <option value="">Choose…</option>
                  {question.options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.text}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      );
  }
}

function NumericInput({
  question,
  draft,
  onChange,
  disabled,
  idPrefix,
}: {
  question: Extract<PublicQuestion, { type: "numeric" | "estimate" }>;
  draft: Draft;
  onChange: (d: Draft) => void;
  disabled: boolean;
  idPrefix: string;
}) {
  const text = draft.type === "numeric" ? draft.text : "";
  const invalid = text.trim() !== "" && parseNumber(text) === null;
  const id = `${idPrefix}-number`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Your answer ({question.unit})
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
          onChange={(e) => onChange({ type: "numeric", text: e.target.value })}
          className="block w-48 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        />
        <span aria-hidden="true" className="text-slate-600 dark:text-slate-400">
          {question.unit}
        </span>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {question.type === "estimate"
          ? `An estimate in ${question.unit}: anything ${describeEstimateTolerance(question.tolerance)} of the computed value counts.`
          : describeTolerance(question.tolerance, question.unit)}
      </p>
      {invalid ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          Enter a number, such as 42 or 0.5.
        </p>
      ) : null}
    </div>
  );
}

function OrderingInput({
  question,
  draft,
  onChange,
  disabled,
  idPrefix,
  labelledBy,
}: {
  question: Extract<PublicQuestion, { type: "ordering" }>;
  draft: Draft;
  onChange: (d: Draft) => void;
  disabled: boolean;
  idPrefix: string;
  labelledBy: string;
}) {
  const order = draft.type === "ordering" ? draft.order : question.items.map((i) => i.id);
  const text = new Map(question.items.map((i) => [i.id, i.text]));
  const [announcement, setAnnouncement] = useState("");
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());

  const move = (index: number, delta: number) => {
    const next = moveItem(order, index, delta);
    const id = order[index] as string;
    onChange({ type: "ordering", order: next, touched: true });
    const position = index + delta + 1;
    setAnnouncement(`${text.get(id)} moved to position ${position} of ${order.length}.`);
    // Keep focus on the same button of the moved item; at an edge that button is disabled, so use the other one.
    requestAnimationFrame(() => {
      const atEdge = (delta < 0 && position === 1) || (delta > 0 && position === order.length);
      const key = `${id}:${atEdge ? (delta < 0 ? "down" : "up") : delta < 0 ? "up" : "down"}`;
      buttons.current.get(key)?.focus();
    });
  };

  return (
    <div role="group" aria-labelledby={labelledBy}>
      <p id={`${idPrefix}-order-hint`} className="text-sm text-slate-600 dark:text-slate-400">
        Put the steps in order, first at the top, with the Move up and Move down buttons.
      </p>
      <ol className="mt-2 space-y-2" aria-describedby={`${idPrefix}-order-hint`}>
        {order.map((id, i) => (
          <li key={id} className="flex items-center gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-700">
            <span className="w-6 shrink-0 text-right font-mono text-sm text-slate-500" aria-hidden="true">
              {i + 1}.
            </span>
            <span className="flex-1">{text.get(id)}</span>
            <button
              type="button"
              ref={(el) => {
                buttons.current.set(`${id}:up`, el);
              }}
              className="min-h-9 min-w-9 rounded border border-slate-300 px-2 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800"
              aria-label={`Move "${text.get(id)}" up`}
              disabled={disabled || i === 0}
              onClick={() => move(i, -1)}
            >
              ↑<span className="sr-only"> up</span>
            </button>
            <button
              type="button"
              ref={(el) => {
                buttons.current.set(`${id}:down`, el);
              }}
              className="min-h-9 min-w-9 rounded border border-slate-300 px-2 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800"
              aria-label={`Move "${text.get(id)}" down`}
              disabled={disabled || i === order.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓<span className="sr-only"> down</span>
            </button>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
