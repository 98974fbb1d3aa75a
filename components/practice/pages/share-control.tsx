"use client";

import { useState } from "react";
import { revokeDesignShare } from "@/lib/actions/revoke-design-share";
import { shareDesign } from "@/lib/actions/share-design";
import { buttonClass } from "@/components/ui/button";
import { callAction } from "@/components/use-action";
import { linkClass } from "@/components/ui/link";

/** Opt-in read-only link to the design and its latest result; revoking makes the old link stop working. */
export function ShareControl({ designId, initialToken }: { designId: string; initialToken: string | null }) {
  const [token, setToken] = useState(initialToken);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const path = token ? `/share/${token}` : null;

  async function toggle() {
    setBusy(true);
    setMessage(null);
    if (token) {
      const res = await callAction(() => revokeDesignShare({ designId }));
      if (res.ok) {
        setToken(null);
        setMessage("Link revoked: anyone opening it now sees that it no longer exists.");
      } else setMessage(res.error);
    } else {
      const res = await callAction(() => shareDesign({ designId }));
      if (res.ok) {
        setToken(res.data.token);
        setMessage("Anyone with the link can view this design and its latest result, but not change them.");
      } else setMessage(res.error);
    }
    setBusy(false);
  }

  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => void toggle()} disabled={busy}>
          {token ? "Revoke share link" : "Create share link"}
        </button>
        {path ? (
          <>
            <a href={path} className={linkClass("default", "break-all font-mono text-xs")} data-testid="share-url">
              {path}
            </a>
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(new URL(path, window.location.origin).toString())
                  .then(() => setMessage("Link copied."), () => setMessage("Copying failed; copy the link by hand."))
              }
            >
              Copy link
            </button>
          </>
        ) : null}
      </div>
      {message ? (
        <p role="status" className="text-slate-600 dark:text-slate-400">
          {message}
        </p>
      ) : null}
    </div>
  );
}
