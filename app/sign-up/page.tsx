import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold">Create an account</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Save your reading progress, quiz attempts and designs. Free and self-hostable.</p>
      <div className="mt-8">
        <SignUpForm />
      </div>
    </div>
  );
}
