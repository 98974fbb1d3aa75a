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
