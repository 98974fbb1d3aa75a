"use client";

import Link from "next/link";
import { navLinkClass } from "@/components/layout/nav-link-class";
import type { SessionUser } from "@/lib/schemas/session-view";

type Props = {
  links: readonly { href: string; label: string }[];
  pathname: string;
  user: SessionUser | null;
  onClose: () => void;
  onSignOut: () => void;
};

/** The phone-width menu: loaded by the header when first opened, so wider screens never download it. */
export function MobileMenu({ links, pathname, user, onClose, onSignOut }: Props) {
  return (
    <nav id="mobile-menu" aria-label="Main (mobile)" className="border-t border-slate-200 px-4 py-2 md:hidden dark:border-slate-800">
      <ul className="flex flex-col gap-1">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={`block ${navLinkClass(l.href, pathname)}`} onClick={onClose}>
              {l.label}
            </Link>
          </li>
        ))}
        <li className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-800">
          {user ? (
            <div className="flex items-center justify-between">
              <span className="text-sm">{user.name}</span>
              <button type="button" onClick={onSignOut} className="rounded-md px-3 py-2 text-sm underline">
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
  );
}
