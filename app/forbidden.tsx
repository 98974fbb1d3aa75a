import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-amber-600">403</p>
      <h1 className="mt-2 text-3xl font-bold">This area is not open to your role</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">
        Instructor pages are for instructors, and admin pages for admins. If you should have access, ask an admin to change your role.
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">Go home</Link>
    </div>
  );
}
