import { hash } from "node:crypto";
import { canonicalJson } from "@/lib/core/quiz/canonical";

/** SHA-256 (hex) of the canonical JSON: equal for two values that differ only in key order. */
export function canonicalHash(value: unknown): string {
  // crypto.hash: one call, no Hash object per submission (same digest as createHash().update().digest()).
  return hash("sha256", canonicalJson(value), "hex");
}
