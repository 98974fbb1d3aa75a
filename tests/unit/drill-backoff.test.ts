// The fault drills' clients wait as the server asks (Retry-After) and never longer than the cap.
import { describe, expect, it } from "vitest";
import { backoffMs } from "../../scripts/lib/faults.ts";

describe("drill client backoff", () => {
  it("honours Retry-After, with jitter between half and all of it", () => {
    expect(backoffMs(1, "2", () => 0)).toBe(1000);
    expect(backoffMs(1, "2", () => 1)).toBe(2000);
    expect(backoffMs(9, " 1 ", () => 1)).toBe(1000);
  });

  it("without Retry-After grows from 50 ms and is capped at 5 s, as is a long Retry-After", () => {
    expect(backoffMs(1, null, () => 1)).toBe(100);
    expect(backoffMs(3, null, () => 1)).toBe(400);
    expect(backoffMs(20, null, () => 1)).toBe(5000);
    expect(backoffMs(1, "3600", () => 1)).toBe(5000);
    expect(backoffMs(1, "Wed, 21 Oct 2026 07:28:00 GMT", () => 1)).toBe(100);
  });
});
