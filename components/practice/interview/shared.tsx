"use client";

import type { Tone } from "@/components/ui/badge";

// Small pieces the interview stages share.

export const VERDICT_TONE = { good: "success", mid: "warning", bad: "danger" } as const satisfies Record<string, Tone>;
