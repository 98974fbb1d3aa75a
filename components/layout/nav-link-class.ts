/** The classes of a main navigation link, highlighted on its own page and the pages under it. */
export function navLinkClass(href: string, pathname: string): string {
  return `rounded-md px-3 py-2 text-sm font-medium ${
    pathname === href || pathname.startsWith(`${href}/`)
      ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
      : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
  }`;
}
