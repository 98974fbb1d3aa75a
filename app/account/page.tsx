import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requirePageRole } from "@/lib/server/kernel/auth";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageRole("candidate");
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold">Your account</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Signed in as {user.email}.</p>
      <section aria-labelledby="password-heading" className="mt-8">
        <h2 id="password-heading" className="text-xl font-semibold">Change your password</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Changing it signs you out everywhere, this browser included; sign in again with the new password.
        </p>
        <div className="mt-4">
          <ChangePasswordForm />
        </div>
      </section>
    </div>
  );
}
