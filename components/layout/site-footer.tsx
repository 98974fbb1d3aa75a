import { IntentLink } from "@/components/ui/intent-link";

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 py-8 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4">
        <p>Roundtrip — open source, self-hostable. Exact where textbooks are exact; calibrated where they are not.</p>
        <nav aria-label="Footer">
          <ul className="flex gap-4">
            <li><IntentLink href="/learn" className="hover:underline">Learn</IntentLink></li>
            <li><IntentLink href="/practice" className="hover:underline">Practice</IntentLink></li>
            <li><a href="/api/health" className="hover:underline">Status</a></li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
