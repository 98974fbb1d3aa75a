import type { ComponentProps, ReactNode } from "react";

// Data tables: a caption (visible or for screen readers), scrolling on narrow screens, one header and cell style.
// Numeric columns are right-aligned with tabular figures and carry their unit in the header ("Time (ms)"), so
// the cells can hold bare numbers that line up.

/** One column header: a numeric column is right-aligned and names its unit. */
export type Column = { label: ReactNode; numeric?: boolean; unit?: string; className?: string };

type Size = "sm" | "xs";

const TEXT: Record<Size, string> = { sm: "text-sm", xs: "text-xs" };
const PAD: Record<Size, string> = { sm: "px-2 py-1.5", xs: "px-2 py-1" };

const join = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ");

export function Table({
  caption,
  captionHidden = false,
  columns,
  size = "sm",
  className = "",
  wrapperClassName = "overflow-x-auto",
  scrollRegion = false,
  rows,
  rowHeaders = false,
  children,
  ...rest
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  /** The header row (a plain string is a text column); leave it out to write a custom <thead> (with <Th>) as the first child. */
  columns?: readonly (Column | string)[];
  size?: Size;
  className?: string;
  /** The scrolling wrapper's classes (a widget may cap the height). */
  wrapperClassName?: string;
  /** Makes the scrolling wrapper a labelled, focusable region, so keyboard users can scroll a wide table sideways. */
  scrollRegion?: boolean;
  /** The body as plain cells, one array a row (with `columns`); otherwise the children are the body. */
  rows?: readonly (readonly ReactNode[])[];
  /** With `rows`: each row's first cell is its header (<th scope="row">), as in a table of figures. */
  rowHeaders?: boolean;
  children?: ReactNode;
  "data-testid"?: string;
}) {
  const cols = columns?.map((c): Column => (typeof c === "string" ? { label: c } : c));
  const region = scrollRegion
    ? { role: "region", tabIndex: 0, "aria-label": typeof caption === "string" ? caption : undefined }
    : {};
  const body = rows
    ? rows.map((row, i) => (
        <tr key={i}>
          {row.map((cell, j) =>
            rowHeaders && j === 0 ? (
              <Th key={j} scope="row" size={size} className="align-top">
                {cell}
              </Th>
            ) : (
              <Td key={j} numeric={cols?.[j]?.numeric} size={size} className="align-top">
                {cell}
              </Td>
            ),
          )}
        </tr>
      ))
    : children;
  return (
    // relative: the wrapper is the containing block of absolutely placed text inside the table (an sr-only header,
    // "Actions"). Without it that text escapes the wrapper's scrolling and widens the page: the evaluation history
    // table made the design page 450-464 px wide at a 375 px window.
    <div className={join("relative", wrapperClassName)} {...region}>
      <table className={join("w-full border-collapse text-left", TEXT[size], className)} {...rest}>
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left font-semibold"}>{caption}</caption>
        {cols ? (
          <thead>
            <tr>
              {cols.map((c, i) => (
                <Th key={i} numeric={c.numeric} size={size} className={c.className}>
                  {c.label}
                  {c.unit ? ` (${c.unit})` : null}
                </Th>
              ))}
            </tr>
          </thead>
        ) : null}
        {cols ? <tbody>{body}</tbody> : body}
      </table>
    </div>
  );
}

type CellProps = { numeric?: boolean; size?: Size };

export function Th({
  className = "",
  scope = "col",
  numeric,
  size = "sm",
  ...props
}: ComponentProps<"th"> & CellProps) {
  return (
    <th
      scope={scope}
      className={join(
        "border-b border-slate-200 font-semibold dark:border-slate-700",
        PAD[size],
        numeric && "text-right",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className = "", numeric, size = "sm", ...props }: ComponentProps<"td"> & CellProps) {
  return (
    <td
      className={join(
        "border-b border-slate-100 dark:border-slate-800",
        PAD[size],
        numeric && "text-right tabular-nums",
        className,
      )}
      {...props}
    />
  );
}
