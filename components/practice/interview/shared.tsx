"use client";

import { toneClass } from "@/components/ui/badge";

// Small pieces the interview stages share.

export const VERDICT_STYLE = { good: toneClass("success"), mid: toneClass("warning"), bad: toneClass("danger") } as const;

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
