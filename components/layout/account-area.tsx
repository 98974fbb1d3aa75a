"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { signOutTo } from "@/components/layout/session-store";
import { buttonClass } from "@/components/ui/button";
import type { SessionUser } from "@/lib/schemas/session-view";

// The header's account controls. Nothing of them shows before the session is read in the browser, so they load
// beside that read (site-header.tsx starts both) rather than with every page's first script.

export function AccountArea({ user }: { user: SessionUser | null }) {
  return user ? (
    <div className="hidden items-center gap-2 sm:flex">
      <IntentLink href="/account" aria-label={`Your account: ${user.name}`} className="text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300" data-testid="session-name">
        {user.name}
      </IntentLink>
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
      <IntentLink href="/sign-in" className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
        Sign in
      </IntentLink>
      <IntentLink href="/sign-up" className={buttonClass("primary", "sm")}>
        Sign up
      </IntentLink>
    </div>
  );
}

export function MobileAccount({ user }: { user: SessionUser | null }) {
  return user ? (
    <div className="flex items-center justify-between">
      <span className="text-sm">{user.name}</span>
      <button type="button" onClick={() => void signOutTo("/")} className="rounded-md px-3 py-2 text-sm underline">
        Sign out
      </button>
    </div>
  ) : (
    <div className="flex gap-2">
      <IntentLink href="/sign-in" className="rounded-md px-3 py-2 text-sm underline">Sign in</IntentLink>
      <IntentLink href="/sign-up" className="rounded-md px-3 py-2 text-sm underline">Sign up</IntentLink>
    </div>
  );
}
