/**
 * Calendar days in a person's own time zone, for "due today" (issue 13): a card is due today when it comes due
 * before their next local midnight, not UTC's. Uses only Intl (IANA zone names), so it runs anywhere.
 */

/** Offset of `zone` from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetMs(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight starts the calendar day `daysAhead` after the one containing `now`, in `zone`. */
function localMidnight(now: Date, zone: string, daysAhead: number): Date {
  const local = new Date(now.getTime() + offsetMs(zone, now.getTime()));
  const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + daysAhead);
  // Guess with the offset now, then correct with the offset at the guess (DST changes between the two).
  let guess = wall - offsetMs(zone, now.getTime());
  guess = wall - offsetMs(zone, guess);
  return new Date(guess);
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

/** The last millisecond of the local day containing `now` in `zone` (an IANA name such as "Europe/Berlin"). */
export function endOfLocalDay(now: Date, zone: string): Date {
  return new Date(localMidnight(now, isTimeZone(zone) ? zone : "UTC", 1).getTime() - 1);
}

/** The first millisecond of the local day containing `now` in `zone`. */
export function startOfLocalDay(now: Date, zone: string): Date {
  return localMidnight(now, isTimeZone(zone) ? zone : "UTC", 0);
}
