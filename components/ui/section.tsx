import type { ReactNode } from "react";
import { linkClass } from "./link";

// A titled part of a page. The heading labels the section (aria-labelledby), so a screen reader's landmark list
// names it; `id` must be unique on the page.

type Level = "h2" | "h3";

const TITLE: Record<"lg" | "xl" | "base", string> = { xl: "text-xl font-semibold", lg: "text-lg font-semibold", base: "font-semibold" };

export function Section({
  id,
  title,
  lead,
  as: Heading = "h2",
  size = "xl",
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  /** A muted sentence under the title (smaller under a smaller title). */
  lead?: ReactNode;
  as?: Level;
  size?: keyof typeof TITLE;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <Heading id={id} className={TITLE[size]}>
        {title}
      </Heading>
      {lead ? <p className={`mt-1 text-slate-600 dark:text-slate-400${size === "xl" ? "" : " text-sm"}`}>{lead}</p> : null}
      {children}
    </section>
  );
}

/** Links to pages (chapter sections, mostly), each followed by a short muted note saying why it is listed. */
export function NoteLinkList({ items }: { items: readonly { key: string; href: string; title: string; note: ReactNode }[] }) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-6">
      {items.map((item) => (
        <li key={item.key}>
          <a href={item.href} className={linkClass("strong")}>
            {item.title}
          </a>{" "}
          <span className="text-sm text-slate-600 dark:text-slate-400">{item.note}</span>
        </li>
      ))}
    </ul>
  );
}
