import { describe, expect, it } from "vitest";
import { endOfLocalDay, isTimeZone, startOfLocalDay } from "@/lib/core/quiz";

describe("the user's day", () => {
  it("ends at local midnight, not UTC's", () => {
    // 20:00 UTC on 5 Dec is 12:00 in Los Angeles (UTC−8) and 09:00 next day in Auckland (UTC+13).
    const now = new Date("2026-12-05T20:00:00Z");
    expect(endOfLocalDay(now, "America/Los_Angeles").toISOString()).toBe("2026-12-06T07:59:59.999Z");
    expect(endOfLocalDay(now, "Pacific/Auckland").toISOString()).toBe("2026-12-06T10:59:59.999Z");
    expect(endOfLocalDay(now, "UTC").toISOString()).toBe("2026-12-05T23:59:59.999Z");
    expect(startOfLocalDay(now, "Europe/Berlin").toISOString()).toBe("2026-12-04T23:00:00.000Z");
  });

  it("handles the days clocks change", () => {
    // Berlin springs forward on 29 Mar 2026 (the day is 23 h long) and falls back on 25 Oct (25 h).
    expect(endOfLocalDay(new Date("2026-03-29T05:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(endOfLocalDay(new Date("2026-10-25T05:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-10-25T22:59:59.999Z");
  });

  it("refuses names that are not IANA zones and falls back to UTC", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(endOfLocalDay(new Date("2026-12-05T20:00:00Z"), "Mars/Olympus").toISOString()).toBe("2026-12-05T23:59:59.999Z");
  });
});
