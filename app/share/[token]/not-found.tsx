import Link from "next/link";
import { linkClass } from "@/components/ui/link";

export default function ShareNotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-2xl font-bold">This share link does not work</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        The owner may have revoked it, or the address was copied incompletely. Ask them for a new link.
      </p>
      <p className="mt-6">
        <Link href="/practice" className={linkClass("strong")}>
          Go to the practice problems
        </Link>
      </p>
    </div>
  );
}
