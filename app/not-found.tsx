import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold">This page took a wrong turn</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">
        The address may be mistyped, or the page may have moved. These are good places to continue:
      </p>
      <ul className="mt-6 flex flex-wrap justify-center gap-3">
        <li><Link className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" href="/">Home</Link></li>
        <li><Link className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" href="/learn">Chapters</Link></li>
        <li><Link className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" href="/practice">Practice problems</Link></li>
      </ul>
    </div>
  );
}
