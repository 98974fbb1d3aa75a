"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { firstErrors, NewPasswordField } from "@/components/auth/form-pieces";
import { changePassword } from "@/lib/actions/change-password";
import { changePasswordSchema } from "@/lib/schemas/user";
import { buttonClass } from "@/components/ui/button";
import { callAction } from "@/components/use-action";

type Errors = Partial<Record<"currentPassword" | "newPassword" | "form", string>>;

export function ChangePasswordForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = changePasswordSchema.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    if (!parsed.success) {
      setErrors(firstErrors<keyof Errors>(parsed.error.issues));
      return;
    }
    setPending(true);
    setErrors({});
    const result = await callAction(() => changePassword(parsed.data));
    if (!result.ok) {
      setPending(false);
      setErrors(result.field === "currentPassword" || result.field === "newPassword" ? { [result.field]: result.error } : { form: result.error });
      return;
    }
    // Every session of the account has ended on the server; clear this browser's cookie too.
    await signOut({ callbackUrl: "/sign-in?changed=1" });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.form ? (
        <Alert>{errors.form}</Alert>
      ) : null}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <NewPasswordField label="New password" name="newPassword" error={errors.newPassword} />
      <button type="submit" disabled={pending} className={buttonClass("primary", "md", "w-full")}>
        {pending ? "Changing your password…" : "Change password"}
      </button>
    </form>
  );
}
