"use client";

import { useEffect } from "react";
import { syncProgress } from "@/components/learn/progress-store";
import { useSessionState } from "@/components/layout/session-store";

/** Keeps the progress store in step with the session; merges the browser's progress into the account on sign-in. */
export function ProgressSync() {
  const { status, user } = useSessionState();
  const userId = user?.id ?? null;
  useEffect(() => {
    if (status === "loading") return;
    void syncProgress(status, userId);
  }, [status, userId]);
  return null;
}
