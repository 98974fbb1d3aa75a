"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { signOutTo, useSessionState } from "@/components/layout/session-store";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { buttonClass } from "@/components/ui/button";

const LINKS = [
  { href: "/learn", label: "Learn" },
  { href: "/quizzes", label: "Quizzes" },
  { href: "/practice", label: "Practice" },
] as const;

export function SiteHeader() {
  const { status, user } = useSessionState();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = [
    ...LINKS,
    ...(user ? [{ href: "/dashboard", label: "Dashboard" }] : []),
    ...(user && (user.role === "INSTRUCTOR" || user.role === "ADMIN") ? [{ href: "/instructor", label: "Instructor" }] : []),
    ...(user?.role === "ADMIN" ? [{ href: "/admin/users", label: "Admin" }] : []),
  ];
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
        <Link href="/" className="mr-2 flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-brand-500" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4" />
          </svg>
          Roundtrip
        </Link>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className={linkClass(l.href)} aria-current={pathname === l.href ? "page" : undefined}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          {status === "loading" ? (
            <span className="h-8 w-20 animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true" />
          ) : user ? (
            <div className="hidden items-center gap-2 sm:flex">
              <Link href="/account" aria-label={`Your account: ${user.name}`} className="text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300" data-testid="session-name">
                {user.name}
              </Link>
              <button
                type="button"
                onClick={() => void signOutTo("/")}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Sign out
              </button>
            </div>
          ) : (
            <div className="hidden items-center gap-2 sm:flex">
              <Link href="/sign-in" className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClass("primary", "sm")}>
                Sign up
              </Link>
            </div>
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
                <Link href={l.href} className={`block ${linkClass(l.href)}`} onClick={() => setOpen(false)}>
                  {l.label}
                </Link>
              </li>
            ))}
            <li className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-800">
              {user ? (
                <div className="flex items-center justify-between">
                  <span className="text-sm">{user.name}</span>
                  <button type="button" onClick={() => void signOutTo("/")} className="rounded-md px-3 py-2 text-sm underline">
                    Sign out
                  </button>
                </div>
              ) : (
                <div className="flex gap-2">
                  <Link href="/sign-in" className="rounded-md px-3 py-2 text-sm underline">Sign in</Link>
                  <Link href="/sign-up" className="rounded-md px-3 py-2 text-sm underline">Sign up</Link>
                </div>
              )}
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}
