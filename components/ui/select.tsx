import type { ComponentProps } from "react";

export const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

export function Select({ className = "", ...props }: ComponentProps<"select">) {
  return <select className={`${selectClass}${className ? ` ${className}` : ""}`} {...props} />;
}
