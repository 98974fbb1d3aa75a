/**
 * Formats a number with thousands separators and at most `digits` decimals, e.g. 12345.678 → "12,345.68" with
 * digits 2. Hand-written because Intl.NumberFormat is slow on the evaluator's hot paths.
 */
export function formatNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** digits;
  const rounded = Math.round(Math.abs(x) * f) / f;
  const [int = "0", frac] = String(rounded).includes("e") ? [rounded.toFixed(0)] : String(rounded).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${x < 0 && rounded !== 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Intl formats are slow to build: one per locale, zone and shape, kept for the life of the process. */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * A moment as people write it, with its time zone named: "6 Dec 2026, 09:49 UTC" (en-GB, UTC), "Dec 6, 2026,
 * 10:49 AM GMT+1" (en-US, Europe/Berlin). The one formatter for timestamps on screen; `locale` and `timeZone`
 * default to en-GB and UTC, which is what a server renders before the browser's own settings are known.
 */
export function formatDateTime(at: string | Date, { locale = "en-GB", timeZone = "UTC" }: { locale?: string; timeZone?: string } = {}): string {
  const format = dateFormat(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" });
  return format.format(typeof at === "string" ? new Date(at) : at);
}

/**
 * A calendar day, for dates where the time says nothing (an account's creation, a chart's axis): "6 Dec 2026", or
 * "6 Dec" with `year: false`. Same locale and zone defaults as formatDateTime, which has the timestamps.
 */
export function formatDay(at: string | Date, { locale = "en-GB", timeZone = "UTC", year = true }: { locale?: string; timeZone?: string; year?: boolean } = {}): string {
  const format = dateFormat(locale, { day: "numeric", month: "short", ...(year ? { year: "numeric" } : {}), timeZone });
  return format.format(typeof at === "string" ? new Date(at) : at);
}
