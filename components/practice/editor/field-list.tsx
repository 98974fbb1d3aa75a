import { describeFieldValue, type FieldSpec } from "@/lib/core/canvas/fields";

/**
 * Settings that cannot be changed here (a read-only canvas, a scenario the problem fixes) as a definition list of
 * text with units: greyed-out inputs read as broken controls, and say nothing a sentence would not say better.
 */
export function FieldList({
  fields,
  value,
  names,
  testId,
}: {
  fields: FieldSpec[];
  value: Record<string, unknown>;
  /** Component names by id (componentNames), for fields that name components (a cache's stores). */
  names?: ReadonlyMap<string, string>;
  testId?: string;
}) {
  return (
    <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {fields.map((f) =>
        f.type === "group" && f.key !== "healthCheck" ? (
          <GroupRows key={f.key} field={f} value={value[f.key]} />
        ) : (
          <Row key={f.key} term={f.label} description={describeFieldValue(f, value[f.key], names)} />
        ),
      )}
    </dl>
  );
}

function GroupRows({ field, value }: { field: Extract<FieldSpec, { type: "group" }>; value: unknown }) {
  const obj = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return (
    <>
      {field.fields.map((f) => (
        <Row
          key={f.key}
          term={`${field.label}: ${f.label.toLowerCase()}`}
          description={describeFieldValue(f, obj[f.key])}
        />
      ))}
    </>
  );
}

function Row({ term, description }: { term: string; description: string }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="text-right font-medium tabular-nums break-words text-slate-900 dark:text-slate-100">
        {description}
      </dd>
    </>
  );
}
