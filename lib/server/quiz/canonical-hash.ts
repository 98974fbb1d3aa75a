import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/core/quiz/canonical";

/** SHA-256 (hex) of the canonical JSON: equal for two values that differ only in key order. */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
