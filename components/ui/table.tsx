import type { ComponentProps, ReactNode } from "react";

// Data tables: a caption (visible or for screen readers), scrolling on narrow screens, one header and cell style.

export function Table({
  caption,
  captionHidden = false,
  className = "",
  children,
  ...rest
}: { caption: ReactNode; captionHidden?: boolean; className?: string; children: ReactNode; "data-testid"?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={`w-full border-collapse text-left text-sm${className ? ` ${className}` : ""}`} {...rest}>
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left font-semibold"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", scope = "col", ...props }: ComponentProps<"th">) {
  return <th scope={scope} className={`border-b border-slate-200 px-2 py-1.5 font-semibold dark:border-slate-700${className ? ` ${className}` : ""}`} {...props} />;
}

export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`border-b border-slate-100 px-2 py-1.5 dark:border-slate-800${className ? ` ${className}` : ""}`} {...props} />;
}
