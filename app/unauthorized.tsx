import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Unauthorized() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-amber-600">401</p>
      <h1 className="mt-2 text-3xl font-bold">Sign in to see this page</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">This page shows your own data, so we need to know who you are.</p>
      <div className="mt-6 flex justify-center gap-3">
        <Link href="/sign-in" className={buttonClass("primary")}>Sign in</Link>
        <Link href="/sign-up" className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">Create an account</Link>
      </div>
    </div>
  );
}
