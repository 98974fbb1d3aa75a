"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { refreshSession } from "@/components/layout/session-store";
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallback(params.get("callbackUrl"));
  const [error, setError] = useState<string | null>(params.get("error") === "RateLimited" ? "Too many attempts. Wait a few minutes and try again." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      void refreshSession();
      router.push(callbackUrl);
      router.refresh();
    } else if (result?.status === 429) {
      setError("Too many sign-in attempts. Wait a few minutes and try again.");
    } else {
      setError("That email and password do not match an account.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <p id="sign-in-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={pending} className={buttonClass("primary", "md", "w-full")}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        New here? <Link href="/sign-up" className={linkClass("strong")}>Create an account</Link>
      </p>
    </form>
  );
}

/** Only same-site paths: an open redirect after sign-in would be a phishing tool. */
function safeCallback(value: string | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://x");
    if (url.origin !== "http://x" && typeof window !== "undefined" && url.origin !== window.location.origin) return "/";
    return url.pathname.startsWith("/") && !url.pathname.startsWith("//") ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
