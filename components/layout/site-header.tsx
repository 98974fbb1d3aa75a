"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import { lazy, Suspense, useEffect, useState } from "react";
import { useSessionState } from "@/components/layout/session-store";
import { ThemeToggle } from "@/components/layout/theme-toggle";

const loadAccount = () => import("@/components/layout/account-area");
const AccountArea = lazy(() => loadAccount().then((m) => ({ default: m.AccountArea })));
const MobileAccount = lazy(() => loadAccount().then((m) => ({ default: m.MobileAccount })));

const LINKS = [
  { href: "/learn", label: "Learn" },
  { href: "/quizzes", label: "Quizzes" },
  { href: "/practice", label: "Practice" },
] as const;

export function SiteHeader() {
  const { status, user } = useSessionState();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Fetched while the session is being read, so the account controls appear as soon as it answers.
  useEffect(() => {
    void loadAccount();
  }, []);
  const links = [
    ...LINKS,
    ...(user ? [{ href: "/dashboard", label: "Dashboard" }] : []),
    ...(user && (user.role === "INSTRUCTOR" || user.role === "ADMIN") ? [{ href: "/instructor", label: "Instructor" }] : []),
    ...(user?.role === "ADMIN" ? [{ href: "/admin/users", label: "Admin" }] : []),
  ];
  const accountSkeleton = <span className="h-8 w-20 animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true" />;
  const linkClass = (href: string) =>
    `rounded-md px-3 py-2 text-sm font-medium ${
      pathname === href || pathname.startsWith(`${href}/`)
        ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
        : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    }`;

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        Skip to content
      </a>
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4">
        <IntentLink href="/" className="mr-2 flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-brand-500" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4" />
          </svg>
          Roundtrip
        </IntentLink>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <IntentLink href={l.href} className={linkClass(l.href)} aria-current={pathname === l.href ? "page" : undefined}>
                  {l.label}
                </IntentLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          {status === "loading" ? (
            accountSkeleton
          ) : (
            <Suspense fallback={accountSkeleton}>
              <AccountArea user={user} />
            </Suspense>
          )}
          <button
            type="button"
            className="rounded-md p-2 md:hidden"
            aria-expanded={open}
            aria-controls="mobile-menu"
            aria-label="Menu"
            onClick={() => setOpen((o) => !o)}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
              <path d={open ? "M6 6l12 12M18 6 6 18" : "M4 6h16M4 12h16M4 18h16"} />
            </svg>
          </button>
        </div>
      </div>
      {open && (
        <nav id="mobile-menu" aria-label="Main (mobile)" className="border-t border-slate-200 px-4 py-2 md:hidden dark:border-slate-800">
          <ul className="flex flex-col gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <IntentLink href={l.href} className={`block ${linkClass(l.href)}`} onClick={() => setOpen(false)}>
                  {l.label}
                </IntentLink>
              </li>
            ))}
            <li className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-800">
              <Suspense fallback={null}>
                <MobileAccount user={user} />
              </Suspense>
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}
