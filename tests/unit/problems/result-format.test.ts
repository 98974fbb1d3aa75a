import { describe, expect, it } from "vitest";
import { describeMoves, formatMs, movesBetween } from "@/lib/core/canvas/result-format";
import { formatDateTime, formatDay } from "@/lib/core/util/format";
import { ninesOf } from "@/lib/core/util/nines";

describe("what moved between two evaluations", () => {
  it("reports a faster p99 and a higher score the way the result panel shows them", () => {
    const moves = movesBetween({ score: 70, p99Ms: 284, availability: 0.999 }, { score: 82, p99Ms: 200, availability: 0.999 });
    expect(describeMoves(moves)).toBe("p99 \u221284 ms, score +12");
    expect(moves.every((m) => m.better)).toBe(true);
  });

  it("marks regressions as worse and includes availability in nines", () => {
    const moves = movesBetween({ score: 90, p99Ms: 100, availability: 0.9999 }, { score: 85, p99Ms: 130, availability: 0.999 });
    expect(describeMoves(moves)).toBe("p99 +30 ms, score \u22125, availability \u22121.0 nines");
    expect(moves.some((m) => m.better)).toBe(false);
  });

  it("says so when nothing moved", () => {
    const same = { score: 88, p99Ms: 120.2, availability: 0.999 };
    expect(movesBetween(same, { ...same, p99Ms: 120.4 })).toEqual([]);
    expect(describeMoves([])).toBe("No change since the previous evaluation");
  });
});

describe("formatting", () => {
  it("formats milliseconds, nines and times with their zone named", () => {
    expect(formatMs(0.25)).toBe("0.3 ms");
    expect(formatMs(283.6)).toBe("284 ms");
    // The follow-up summary read "p99 5045 ms → 5045 ms": the thousands separator every other figure has.
    expect(formatMs(5045.2)).toBe("5,045 ms");
    expect(formatMs(29069)).toBe("29.1 s");
    expect(ninesOf(0.999)).toBeCloseTo(3, 5);
    expect(ninesOf(1)).toBe(9);
    // Not "2026-11-22 12:03 UTC": day, month in words, time, and the zone by name, in the reader's locale and zone.
    expect(formatDateTime("2026-11-22T12:03:45.000Z")).toBe("22 Nov 2026, 12:03 UTC");
    expect(formatDateTime(new Date("2026-12-06T09:49:00Z"), { locale: "en-US", timeZone: "Europe/Berlin" })).toBe("Dec 6, 2026, 10:49 AM GMT+1");
    expect(formatDateTime("2026-07-01T23:30:00Z", { locale: "en-GB", timeZone: "America/New_York" })).toBe("1 Jul 2026, 19:30 GMT-4");
    // Days (an account's creation, a chart's axis) in the same words, not "2026-11-22"; the zone decides the day.
    expect(formatDay(new Date("2026-11-22T23:30:00Z"))).toBe("22 Nov 2026");
    expect(formatDay("2026-11-22T23:30:00Z", { timeZone: "Asia/Tokyo", year: false })).toBe("23 Nov");
  });
});
