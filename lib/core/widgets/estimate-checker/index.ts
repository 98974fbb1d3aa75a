import { DEFAULTS } from "@/lib/core/evaluator/defaults";

// W28: checks a reader's back-of-the-envelope estimate against the worked value (Chapter 16). The formulas are
// the chapter's; the server count uses the evaluator's capacity rule (concurrency × 1,000 ÷ service time per
// replica) so the widget, the chapter and the design score size a fleet the same way.

export const SECONDS_PER_DAY = 86_400;
export const DAYS_PER_YEAR = 365;

export type EstimateInputs = {
  /** Daily active users (users). */
  dailyUsers: number;
  /** Read requests per user per day. */
  readsPerUser: number;
  /** Write requests per user per day; each stores `bytesPerWrite`. */
  writesPerUser: number;
  /** Peak rate ÷ average rate (×). */
  peakFactor: number;
  /** Bytes stored per write (bytes). */
  bytesPerWrite: number;
  /** Bytes sent per read response (bytes). */
  bytesPerRead: number;
  /** How long writes are kept (years). */
  retentionYears: number;
  /** Stored copies of each write (replicas). */
  copies: number;
  /** Share of a day's read volume held in cache (0–1), the 80/20 starting point being 0.2. */
  hotShare: number;
  /** Server time per request (ms). */
  serviceTimeMs: number;
  /** Requests one server runs at once. */
  concurrencyPerServer: number;
  /** Highest utilisation you accept at peak (0–1). */
  targetUtilization: number;
};

export type InputKey = keyof EstimateInputs;

/** The input fields, their units and their allowed ranges; the UI renders from this list. */
export const INPUT_FIELDS: readonly { key: InputKey; label: string; unit: string; min: number; max: number; step: number }[] = [
  { key: "dailyUsers", label: "Daily active users", unit: "users", min: 1, max: 1e10, step: 1 },
  { key: "readsPerUser", label: "Reads per user per day", unit: "requests", min: 0, max: 1e5, step: 0.1 },
  { key: "writesPerUser", label: "Writes per user per day", unit: "requests", min: 0, max: 1e5, step: 0.1 },
  { key: "peakFactor", label: "Peak factor", unit: "× average", min: 1, max: 100, step: 0.1 },
  { key: "bytesPerWrite", label: "Stored per write", unit: "bytes", min: 1, max: 1e10, step: 1 },
  { key: "bytesPerRead", label: "Sent per read", unit: "bytes", min: 1, max: 1e10, step: 1 },
  { key: "retentionYears", label: "Retention", unit: "years", min: 0.01, max: 100, step: 0.5 },
  { key: "copies", label: "Copies stored", unit: "copies", min: 1, max: 10, step: 1 },
  { key: "hotShare", label: "Cached share of a day's reads", unit: "fraction (0–1)", min: 0.001, max: 1, step: 0.05 },
  { key: "serviceTimeMs", label: "Server time per request", unit: "ms", min: 0.01, max: 60_000, step: 1 },
  { key: "concurrencyPerServer", label: "Requests in flight per server", unit: "requests", min: 1, max: 10_000, step: 1 },
  { key: "targetUtilization", label: "Target utilisation at peak", unit: "fraction (0–1)", min: 0.05, max: 1, step: 0.05 },
];

const SERVICE = DEFAULTS.service;

/** Scenarios from Chapter 15's walk-throughs, with the same figures. */
export const PRESETS = [
  {
    id: "url-shortener",
    label: "URL shortener",
    inputs: {
      dailyUsers: 20_000_000,
      readsPerUser: 9.5,
      writesPerUser: 0.5,
      peakFactor: 2,
      bytesPerWrite: 500,
      bytesPerRead: 500,
      retentionYears: 5,
      copies: 1,
      hotShare: 0.2,
      serviceTimeMs: SERVICE.serviceTimeMs,
      concurrencyPerServer: SERVICE.concurrency,
      targetUtilization: DEFAULTS.score.comfortableUtilization,
    },
  },
  {
    id: "news-feed",
    label: "News feed",
    inputs: {
      dailyUsers: 30_000_000,
      readsPerUser: 10,
      writesPerUser: 0.2,
      peakFactor: 2,
      bytesPerWrite: 1_000,
      bytesPerRead: 50_000,
      retentionYears: 5,
      copies: 3,
      hotShare: 0.2,
      serviceTimeMs: 20,
      concurrencyPerServer: SERVICE.concurrency,
      targetUtilization: DEFAULTS.score.comfortableUtilization,
    },
  },
  {
    id: "chat",
    label: "Chat",
    inputs: {
      dailyUsers: 5_000_000,
      readsPerUser: 10,
      writesPerUser: 10,
      peakFactor: 2.5,
      bytesPerWrite: 200,
      bytesPerRead: 2_000,
      retentionYears: 1,
      copies: 3,
      hotShare: 0.2,
      serviceTimeMs: SERVICE.serviceTimeMs,
      concurrencyPerServer: SERVICE.concurrency,
      targetUtilization: DEFAULTS.score.comfortableUtilization,
    },
  },
] as const satisfies readonly { id: string; label: string; inputs: EstimateInputs }[];

export type PresetId = (typeof PRESETS)[number]["id"];

export function presetInputs(id: PresetId): EstimateInputs {
  return { ...(PRESETS.find((p) => p.id === id) ?? PRESETS[0]).inputs };
}

/** Clamps every input into its field's range; a non-finite value falls back to the URL-shortener preset. */
export function sanitizeInputs(raw: EstimateInputs): EstimateInputs {
  const fallback = PRESETS[0].inputs;
  const out = { ...raw };
  for (const f of INPUT_FIELDS) {
    const v = raw[f.key];
    out[f.key] = Number.isFinite(v) ? Math.min(f.max, Math.max(f.min, v)) : fallback[f.key];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------------

export type UnitKind = "rate" | "bytes" | "bitrate" | "count";

/** Units a reader may answer in, per kind, with their size in the kind's base unit. Decimal prefixes. */
export const UNITS: Record<UnitKind, readonly { id: string; label: string; factor: number }[]> = {
  rate: [{ id: "rps", label: "requests per second", factor: 1 }],
  bytes: [
    { id: "B", label: "bytes", factor: 1 },
    { id: "KB", label: "KB", factor: 1e3 },
    { id: "MB", label: "MB", factor: 1e6 },
    { id: "GB", label: "GB", factor: 1e9 },
    { id: "TB", label: "TB", factor: 1e12 },
    { id: "PB", label: "PB", factor: 1e15 },
  ],
  bitrate: [
    { id: "bps", label: "bit/s", factor: 1 },
    { id: "kbps", label: "kbit/s", factor: 1e3 },
    { id: "Mbps", label: "Mbit/s", factor: 1e6 },
    { id: "Gbps", label: "Gbit/s", factor: 1e9 },
    { id: "Tbps", label: "Tbit/s", factor: 1e12 },
  ],
  count: [{ id: "servers", label: "servers", factor: 1 }],
};

export function unitFactor(kind: UnitKind, unitId: string): number | null {
  return UNITS[kind].find((u) => u.id === unitId)?.factor ?? null;
}

/** Shows a value in the largest unit of its kind that keeps it at or above 1, to three significant figures. */
export function formatQuantity(value: number, kind: UnitKind): string {
  const units = UNITS[kind];
  let unit = units[0]!;
  for (const u of units) if (value >= u.factor) unit = u;
  const scaled = value / unit.factor;
  const shown = scaled >= 100 ? Math.round(scaled).toLocaleString("en-US") : Number(scaled.toPrecision(3)).toLocaleString("en-US");
  return `${shown} ${unit.label}`;
}

// A lone "B" is not a suffix: next to a byte count it would read "500B" as 500 billion.
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9, g: 1e9, t: 1e12 };

/**
 * Reads a typed estimate: digits with optional thousands separators (commas, spaces or underscores), a decimal
 * point, an exponent ("1.2e4") or a multiplier suffix (k, M, bn, G, T; "m" is read as million). Returns null
 * unless the result is a finite number above zero.
 */
export function parseEstimate(text: string): number | null {
  const t = text.trim().replace(/[,_\s](?=\d{3}(?:\D|$))/g, "");
  const m = /^(\d+(?:\.\d+)?|\.\d+)(?:e([+-]?\d+))?\s*([a-z]{0,2})$/i.exec(t);
  if (!m) return null;
  const base = Number(m[1]) * 10 ** Number(m[2] ?? 0);
  const suffix = (m[3] ?? "").toLowerCase();
  const mult = suffix === "" ? 1 : SUFFIX[suffix];
  if (mult === undefined) return null;
  const v = base * mult;
  return Number.isFinite(v) && v > 0 ? v : null;
}

// ---------------------------------------------------------------------------------------------------------
// The quantities and their worked values
// ---------------------------------------------------------------------------------------------------------

export const QUANTITIES = [
  { id: "avg-rps", label: "Average requests per second", kind: "rate" },
  { id: "peak-rps", label: "Peak requests per second", kind: "rate" },
  { id: "storage", label: "Storage over the retention period, all copies", kind: "bytes" },
  { id: "egress", label: "Egress bandwidth at peak", kind: "bitrate" },
  { id: "cache", label: "Cache memory for the hot share of a day's reads", kind: "bytes" },
  { id: "servers", label: "Servers at peak (Little's law)", kind: "count" },
] as const satisfies readonly { id: string; label: string; kind: UnitKind }[];

export type QuantityId = (typeof QUANTITIES)[number]["id"];

export type Worked = { id: QuantityId; kind: UnitKind; value: number; steps: string[] };

const n = (x: number) => Number(x.toPrecision(3)).toLocaleString("en-US");

/** The worked value of one quantity and the steps that lead to it (units in every step). */
export function workedValue(id: QuantityId, raw: EstimateInputs): Worked {
  const i = sanitizeInputs(raw);
  const perDay = i.dailyUsers * (i.readsPerUser + i.writesPerUser);
  const avg = perDay / SECONDS_PER_DAY;
  const peak = avg * i.peakFactor;
  const peakReads = (i.dailyUsers * i.readsPerUser * i.peakFactor) / SECONDS_PER_DAY;
  const rateSteps = [
    `${n(i.dailyUsers)} users × (${n(i.readsPerUser)} reads + ${n(i.writesPerUser)} writes) = ${n(perDay)} requests per day`,
    `${n(perDay)} ÷ 86,400 s = ${n(avg)} requests per second on average`,
  ];
  switch (id) {
    case "avg-rps":
      return { id, kind: "rate", value: avg, steps: rateSteps };
    case "peak-rps":
      return { id, kind: "rate", value: peak, steps: [...rateSteps, `${n(avg)} × peak factor ${n(i.peakFactor)} = ${n(peak)} requests per second at peak`] };
    case "storage": {
      const writesPerDay = i.dailyUsers * i.writesPerUser;
      const days = i.retentionYears * DAYS_PER_YEAR;
      const bytes = writesPerDay * i.bytesPerWrite * days * i.copies;
      return {
        id,
        kind: "bytes",
        value: bytes,
        steps: [
          `${n(i.dailyUsers)} users × ${n(i.writesPerUser)} writes = ${n(writesPerDay)} writes per day`,
          `× ${n(i.bytesPerWrite)} bytes = ${formatQuantity(writesPerDay * i.bytesPerWrite, "bytes")} per day`,
          `× ${n(days)} days (${n(i.retentionYears)} years × 365) = ${formatQuantity(writesPerDay * i.bytesPerWrite * days, "bytes")}`,
          `× ${n(i.copies)} copies = ${formatQuantity(bytes, "bytes")}`,
        ],
      };
    }
    case "egress": {
      const bits = peakReads * i.bytesPerRead * 8;
      return {
        id,
        kind: "bitrate",
        value: bits,
        steps: [
          `${n(i.dailyUsers)} users × ${n(i.readsPerUser)} reads ÷ 86,400 s × peak factor ${n(i.peakFactor)} = ${n(peakReads)} reads per second at peak`,
          `× ${n(i.bytesPerRead)} bytes = ${formatQuantity(peakReads * i.bytesPerRead, "bytes")} per second`,
          `× 8 bits per byte = ${formatQuantity(bits, "bitrate")}`,
        ],
      };
    }
    case "cache": {
      const dailyReadBytes = i.dailyUsers * i.readsPerUser * i.bytesPerRead;
      const bytes = dailyReadBytes * i.hotShare;
      return {
        id,
        kind: "bytes",
        value: bytes,
        steps: [
          `${n(i.dailyUsers)} users × ${n(i.readsPerUser)} reads × ${n(i.bytesPerRead)} bytes = ${formatQuantity(dailyReadBytes, "bytes")} read per day`,
          `× hot share ${n(i.hotShare)} = ${formatQuantity(bytes, "bytes")} (an upper bound: repeat reads of one item are counted again)`,
        ],
      };
    }
    case "servers": {
      const inFlight = peak * (i.serviceTimeMs / 1000);
      const perServer = i.concurrencyPerServer * i.targetUtilization;
      const servers = Math.max(1, Math.ceil(inFlight / perServer - 1e-9));
      return {
        id,
        kind: "count",
        value: servers,
        steps: [
          ...rateSteps,
          `× peak factor ${n(i.peakFactor)} = ${n(peak)} requests per second at peak`,
          `Little's law: ${n(peak)} per second × ${n(i.serviceTimeMs / 1000)} s = ${n(inFlight)} requests in flight`,
          `÷ (${n(i.concurrencyPerServer)} per server × ${n(i.targetUtilization)} utilisation) = ${n(inFlight / perServer)}, rounded up to ${servers} server${servers === 1 ? "" : "s"} (add one spare for deploys)`,
        ],
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Grading
// ---------------------------------------------------------------------------------------------------------

export type Verdict = "on-target" | "right-order" | "off";

export type EstimateCheck = {
  verdict: Verdict;
  /** estimate ÷ worked value. */
  ratio: number;
  /** How many times too high or too low, as a factor ≥ 1. */
  timesOff: number;
  /** "match" within 5 % either way. */
  direction: "high" | "low" | "match";
  /** Likely slips whose factor explains the gap, most specific first. */
  slips: string[];
};

/** Within this factor either way an estimate counts as on target; within ORDER_FACTOR, the right order of magnitude. */
export const ON_TARGET_FACTOR = 2;
export const ORDER_FACTOR = 10;
/** Within 5 % either way there is no "too high" or "too low" worth reporting. */
const SPOT_ON_FACTOR = 1.05;
/** A slip "explains" a gap when the gap is within this factor of the slip's own factor. */
const SLIP_MATCH = 1.3;

type Slip = { factor: number; tooHigh: string; tooLow: string };

function slipsFor(id: QuantityId, i: EstimateInputs): Slip[] {
  const list: Slip[] = [
    { factor: SECONDS_PER_DAY, tooHigh: "A daily total was used as a per-second figure: divide by 86,400 s.", tooLow: "A per-second figure was divided by 86,400 again, or a rate was read as a daily total." },
    { factor: 3_600, tooHigh: "An hourly total was used as a per-second figure: divide by 3,600 s.", tooLow: "A per-second figure was divided by 3,600 once too often." },
    { factor: 1_000, tooHigh: "One prefix too big (for example KB read as MB, or ms as s).", tooLow: "One prefix too small (for example MB read as KB, or s as ms)." },
    { factor: 1e6, tooHigh: "Two prefixes too big (for example KB read as GB).", tooLow: "Two prefixes too small (for example GB read as KB)." },
  ];
  if (id === "egress") list.push({ factor: 8, tooHigh: "Counted 8 bits per byte twice?", tooLow: "Bytes per second given as bits per second: multiply bytes by 8." });
  if (id === "cache" || id === "storage") list.push({ factor: 8, tooHigh: "Bits counted where bytes were asked: divide by 8.", tooLow: "Bytes divided by 8 as if they were bits." });
  if ((id === "peak-rps" || id === "egress" || id === "servers") && i.peakFactor >= 1.5)
    list.push({ factor: i.peakFactor, tooHigh: "The peak factor may have been applied twice.", tooLow: `The peak factor (× ${i.peakFactor}) looks forgotten: size for the peak, not the average.` });
  if (id === "avg-rps" && i.peakFactor >= 1.5)
    list.push({ factor: i.peakFactor, tooHigh: "This asks for the average; the peak factor should not be applied yet.", tooLow: "Divided by the peak factor? The average comes straight from the daily total." });
  if (id === "storage") {
    if (i.copies >= 2) list.push({ factor: i.copies, tooHigh: "Copies counted twice?", tooLow: `The ${i.copies} stored copies look forgotten.` });
    list.push({ factor: DAYS_PER_YEAR, tooHigh: "Days counted twice (× 365 once too often)?", tooLow: "A day's or a year's volume given instead of the whole retention period: multiply by 365 days a year." });
    if (i.retentionYears >= 1.5) list.push({ factor: i.retentionYears, tooHigh: "The retention years counted twice?", tooLow: `One year given instead of all ${i.retentionYears} years of retention.` });
  }
  if (id === "servers") {
    if (i.serviceTimeMs >= 1) list.push({ factor: 1_000, tooHigh: "Service time in ms used as seconds: 10 ms is 0.01 s.", tooLow: "Service time divided by 1,000 twice?" });
    if (i.targetUtilization <= 0.67) list.push({ factor: 1 / i.targetUtilization, tooHigh: "Utilisation applied twice?", tooLow: "The utilisation target looks forgotten: divide by it to leave headroom." });
  }
  if (id === "cache" && i.hotShare <= 0.5)
    list.push({ factor: 1 / i.hotShare, tooHigh: "The whole day's reads were cached; only the hot share needs memory.", tooLow: "The hot share applied twice?" });
  return list;
}

/** Compares an estimate with the worked value; both in the quantity's base unit. */
export function checkEstimate(id: QuantityId, estimate: number, inputs: EstimateInputs): EstimateCheck & { worked: Worked } {
  const i = sanitizeInputs(inputs);
  const worked = workedValue(id, i);
  const ratio = estimate / worked.value;
  const timesOff = ratio >= 1 ? ratio : 1 / ratio;
  const verdict: Verdict = timesOff <= ON_TARGET_FACTOR ? "on-target" : timesOff <= ORDER_FACTOR ? "right-order" : "off";
  const direction = timesOff <= SPOT_ON_FACTOR ? "match" : ratio > 1 ? "high" : "low";
  const slips: string[] = [];
  if (verdict !== "on-target") {
    for (const s of slipsFor(id, i)) {
      const gap = timesOff / s.factor;
      if (gap <= SLIP_MATCH && gap >= 1 / SLIP_MATCH) slips.push(direction === "high" ? s.tooHigh : s.tooLow);
    }
  }
  return { verdict, ratio, timesOff, direction, slips: [...new Set(slips)], worked };
}

export function verdictText(check: EstimateCheck): string {
  const x = check.timesOff < 10 ? check.timesOff.toFixed(1) : Math.round(check.timesOff).toLocaleString("en-US");
  const side = check.direction === "high" ? "too high" : "too low";
  if (check.direction === "match") return "Spot on: within 5 % of the worked value.";
  if (check.verdict === "on-target") return `On target: within a factor of two (${x} times ${side}).`;
  if (check.verdict === "right-order") return `Right order of magnitude, but ${x} times ${side}: recheck one step.`;
  return `Off by more than ten times: ${x} times ${side}.`;
}
