"use client";

import { useSession } from "next-auth/react";
import { useEffect } from "react";
import { syncProgress } from "@/components/learn/progress-store";

/** Keeps the progress store in step with the session; merges the browser's progress into the account on sign-in. */
export function ProgressSync() {
  const { data, status } = useSession();
  const userId = (data?.user as { id?: string } | undefined)?.id ?? null;
  useEffect(() => {
    if (status === "loading") return;
    void syncProgress(status, userId);
  }, [status, userId]);
  return null;
}
