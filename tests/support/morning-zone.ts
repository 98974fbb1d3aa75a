/**
 * A fixed-offset IANA time zone in which it is about 08:00 at `now`. Review tests run their users there, so cards
 * due "in a few minutes" are due today whatever the hour the suite runs (in UTC they fall into tomorrow near
 * midnight, and "due today" rightly leaves them out).
 */
export function morningZone(now = new Date()): string {
  const offset = (((8 - now.getUTCHours()) % 24) + 24) % 24; // hours east of UTC, 0..23
  const east = offset > 12 ? offset - 24 : offset; // -11..12, inside the Etc/GMT range
  // POSIX sign convention: Etc/GMT-3 is three hours east of UTC.
  return east === 0 ? "Etc/GMT" : `Etc/GMT${east > 0 ? "-" : "+"}${Math.abs(east)}`;
}
