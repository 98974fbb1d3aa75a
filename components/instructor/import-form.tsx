"use client";

import { useState, useTransition } from "react";
import { importQuestions } from "@/lib/actions/import-questions";
import { previewImport } from "@/lib/actions/preview-import";
import { importFormats, type ImportFormat } from "@/lib/schemas/instructor";
import { chapterSections, chapterSlugs, difficulties, type ChapterSlug, type Difficulty } from "@/lib/schemas/question";
import type { ImportReport } from "@/lib/schemas/instructor";
import { selectClass } from "@/components/ui/select";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, type Column } from "@/components/ui/table";
import { ErrorText } from "@/components/ui/alert";

const FORMAT_LABELS: Record<ImportFormat, string> = { gift: "Moodle GIFT", xml: "Moodle XML", json: "Roundtrip JSON" };
const FORMAT_ACCEPT: Record<ImportFormat, string> = {
  gift: ".gift,.txt,text/plain",
  xml: ".xml,application/xml,text/xml",
  json: ".json,application/json",
};

const PREVIEW_COLUMNS: Column[] = [{ label: "Line", numeric: true }, { label: "Id" }, { label: "Type" }, { label: "Section" }, { label: "Prompt" }];

/** chapter slug → title, and chapter → section id → title: the choosers show titles, never slugs. */
export function ImportForm({ chapterTitles, sectionTitles }: { chapterTitles: Record<string, string>; sectionTitles: Record<string, Record<string, string>> }) {
  const [format, setFormat] = useState<ImportFormat>("gift");
  const [text, setText] = useState("");
  const [chapter, setChapter] = useState<ChapterSlug>("big-picture");
  const [section, setSection] = useState<string>(chapterSections["big-picture"][0]);
  const [difficulty, setDifficulty] = useState<Difficulty>("medium");
  const [tags, setTags] = useState("imported");
  const [unit, setUnit] = useState("units");
  const [publish, setPublish] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const input = () => ({
    format,
    text,
    publish,
    defaults: { chapter, section, difficulty, unit, tags: tags.split(",").map((t) => t.trim()).filter(Boolean) },
  });

  // Any change to the input invalidates a preview: the import must run on exactly what was previewed.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setReport(null);
    setDone(null);
  };

  const preview = () =>
    startTransition(async () => {
      setDone(null);
      const result = await callAction(() => previewImport(input()));
      if (!result.ok) {
        setError(result.fieldErrors?.map((f) => `${f.path}: ${f.message}`).join("; ") || result.error);
        setReport(null);
        return;
      }
      setError(null);
      setReport(result.data);
    });

  const commit = () =>
    startTransition(async () => {
      const result = await callAction(() => importQuestions(input()));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setReport(result.data);
      if (result.data.ok) {
        setDone(`Imported ${result.data.questions.length} question${result.data.questions.length === 1 ? "" : "s"} as ${publish ? "published" : "drafts"}.`);
        setText("");
      }
    });

  return (
    <div className="space-y-6">
      <form
        aria-label="Import questions"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          preview();
        }}
      >
        <fieldset>
          <legend className="text-sm font-medium">Format</legend>
          <div className="mt-1 flex gap-4">
            {importFormats.map((f) => (
              <label key={f} className="inline-flex items-center gap-2">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => changed(setFormat)(f)} />
                {FORMAT_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            File
          </label>
          <input
            id="import-file"
            type="file"
            accept={FORMAT_ACCEPT[format]}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) changed(setText)(await file.text());
            }}
            className="mt-1 block text-sm"
          />
        </div>
        <div>
          <label htmlFor="import-text" className="block text-sm font-medium">
            Or paste the file
          </label>
          <textarea id="import-text" rows={12} value={text} onChange={(e) => changed(setText)(e.target.value)} className={`${selectClass} font-mono`} spellCheck={false} />
        </div>
        {format !== "json" ? (
          <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800">
            <legend className="px-1 text-sm font-semibold">
              What {FORMAT_LABELS[format]} does not say (a category naming a chapter and section overrides these)
            </legend>
            <div>
              <label htmlFor="d-chapter" className="block text-sm font-medium">Chapter</label>
              <select
                id="d-chapter"
                value={chapter}
                onChange={(e) => {
                  const c = e.target.value as ChapterSlug;
                  changed(setChapter)(c);
                  setSection(chapterSections[c][0]);
                }}
                className={selectClass}
              >
                {chapterSlugs.map((c) => <option key={c} value={c}>{chapterTitles[c] ?? c}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="d-section" className="block text-sm font-medium">Section</label>
              <select id="d-section" value={section} onChange={(e) => changed(setSection)(e.target.value)} className={selectClass}>
                {chapterSections[chapter].map((s) => <option key={s} value={s}>{sectionTitles[chapter]?.[s] ?? s}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="d-difficulty" className="block text-sm font-medium">Difficulty</label>
              <select id="d-difficulty" value={difficulty} onChange={(e) => changed(setDifficulty)(e.target.value as Difficulty)} className={selectClass}>
                {difficulties.map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="d-tags" className="block text-sm font-medium">Tags (comma-separated)</label>
              <input id="d-tags" value={tags} onChange={(e) => changed(setTags)(e.target.value)} className={selectClass} />
            </div>
            <div>
              <label htmlFor="d-unit" className="block text-sm font-medium">Unit for numeric questions</label>
              <input id="d-unit" value={unit} onChange={(e) => changed(setUnit)(e.target.value)} className={selectClass} />
            </div>
          </fieldset>
        ) : null}
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={publish} onChange={(e) => changed(setPublish)(e.target.checked)} />
          Publish the imported questions straight away (otherwise they arrive as drafts)
        </label>
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={pending || text.trim() === ""} className={buttonClass("secondary")}>
            {pending ? "Checking…" : "Check and preview"}
          </button>
          <button type="button" onClick={commit} disabled={pending || !report?.ok || done !== null} className={buttonClass("primary")}>
            Import {report?.ok ? `${report.questions.length} question${report.questions.length === 1 ? "" : "s"}` : ""}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {error ? <ErrorText>{error}</ErrorText> : null}
        {done ? <p className="font-medium text-green-700 dark:text-green-400">{done}</p> : null}
        {report ? <ReportView report={report} /> : null}
      </div>
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="space-y-4">
      {!report.ok ? (
        <section aria-labelledby="import-errors" className="rounded-md border-l-4 border-red-600 bg-red-50 p-4 dark:bg-red-950/40">
          <h3 id="import-errors" className="font-semibold">
            Nothing was imported: {report.errors.length} problem{report.errors.length === 1 ? "" : "s"} to fix
          </h3>
          <ul className="mt-2 space-y-1 font-mono text-sm" data-testid="import-errors">
            {report.errors.map((e, i) => (
              <li key={i}>line {e.line}: {e.message}</li>
            ))}
          </ul>
        </section>
      ) : (
        <section aria-labelledby="import-preview">
          <h3 id="import-preview" className="font-semibold">Will create {report.questions.length} question{report.questions.length === 1 ? "" : "s"}</h3>
          <Table caption="Questions the import will create" captionHidden columns={PREVIEW_COLUMNS} wrapperClassName="mt-2 overflow-x-auto">
            {report.questions.map((q) => (
              <tr key={q.id} className="align-top">
                <Td numeric>{q.line}</Td>
                <Td className="font-mono text-xs">{q.id}</Td>
                <Td>{q.type}</Td>
                <Td>{q.section}</Td>
                <Td><span className="line-clamp-2">{q.prompt}</span></Td>
              </tr>
            ))}
          </Table>
        </section>
      )}
      {report.warnings.length > 0 ? (
        <section aria-labelledby="import-warnings" className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-amber-950/40">
          <h3 id="import-warnings" className="font-semibold">Warnings</h3>
          <ul className="mt-2 space-y-1 font-mono text-sm">
            {report.warnings.map((w, i) => (
              <li key={i}>line {w.line}: {w.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
