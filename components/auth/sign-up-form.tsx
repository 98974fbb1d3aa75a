"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { refreshSession } from "@/components/layout/session-store";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { firstErrors, NewPasswordField } from "@/components/auth/form-pieces";
import { signUpSchema } from "@/lib/schemas/user";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

type Errors = Partial<Record<"name" | "email" | "password" | "form", string>>;

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    // The same schema the server uses, so the form says what the API would say without a round trip.
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstErrors<keyof Errors>(parsed.error.issues));
      return;
    }
    setPending(true);
    setErrors({});
    const response = await fetch("/api/auth/signup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(parsed.data),
    });
    if (!response.ok) {
      setPending(false);
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string }; errors?: { path: string; message: string }[] };
      const next: Errors = {};
      for (const e of body.errors ?? []) next[e.path as keyof Errors] ??= e.message;
      if (!body.errors?.length) next.form = body.error?.message ?? "Sign-up failed. Please try again.";
      setErrors(next);
      return;
    }
    // The API answers alike for new and taken emails; signing in with the password just typed tells them apart
    // for the one person entitled to know.
    const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    setPending(false);
    if (!result?.ok) {
      setErrors({ form: "This email may already have an account. Sign in with its password instead." });
      return;
    }
    void refreshSession();
    router.push("/learn");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.form ? (
        <Alert>{errors.form}</Alert>
      ) : null}
      <TextField label="Name" name="name" autoComplete="name" required error={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <NewPasswordField label="Password" name="password" error={errors.password} />
      <button type="submit" disabled={pending} className={buttonClass("primary", "md", "w-full")}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Already have an account? <Link href="/sign-in" className={linkClass("strong")}>Sign in</Link>
      </p>
    </form>
  );
}
