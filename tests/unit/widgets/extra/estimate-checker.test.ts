import { describe, expect, it } from "vitest";
import {
  checkEstimate,
  formatQuantity,
  parseEstimate,
  presetInputs,
  PRESETS,
  QUANTITIES,
  sanitizeInputs,
  verdictText,
  workedValue,
} from "@/lib/core/widgets/estimate-checker";

const shortener = presetInputs("url-shortener");

describe("W28 estimate checker: worked values", () => {
  it("URL shortener (Chapter 15): ~2,300 requests per second on average, ~4,600 at peak, 9 servers", () => {
    expect(workedValue("avg-rps", shortener).value).toBeCloseTo(2_314.8, 0);
    expect(workedValue("peak-rps", shortener).value).toBeCloseTo(4_629.6, 0);
    // 4,630 req/s × 0.010 s = 46.3 in flight; ÷ (8 × 0.7) = 8.3 → 9, as the chapter's walk-through says.
    expect(workedValue("servers", shortener).value).toBe(9);
  });

  it("URL shortener storage: 10 M links a day × 500 B × 5 years ≈ 9.1 TB", () => {
    expect(workedValue("storage", shortener).value).toBeCloseTo(10e6 * 500 * 365 * 5, -6);
    expect(formatQuantity(workedValue("storage", shortener).value, "bytes")).toBe("9.13 TB");
  });

  it("egress counts 8 bits per byte and only the reads, at peak", () => {
    const feed = presetInputs("news-feed");
    // 30 M × 10 reads ÷ 86,400 × 2 ≈ 6,944 reads/s × 50 KB × 8 ≈ 2.78 Gbit/s.
    expect(workedValue("egress", feed).value).toBeCloseTo(((30e6 * 10 * 2) / 86_400) * 50_000 * 8, -3);
    expect(formatQuantity(workedValue("egress", feed).value, "bitrate")).toBe("2.78 Gbit/s");
  });

  it("chat peaks near the practice problem's 3,000 requests per second", () => {
    expect(workedValue("peak-rps", presetInputs("chat")).value).toBeCloseTo(2_893.5, 0);
  });

  it("every step of the working names its unit, for every preset and quantity", () => {
    for (const p of PRESETS)
      for (const q of QUANTITIES) {
        const w = workedValue(q.id, p.inputs);
        expect(w.steps.length, `${p.id}/${q.id}`).toBeGreaterThan(0);
        expect(Number.isFinite(w.value) && w.value > 0, `${p.id}/${q.id}`).toBe(true);
        expect(w.steps.at(-1), `${p.id}/${q.id}`).toMatch(/requests per second|B|bit\/s|server/);
      }
  });

  it("clamps inputs into range, so no input makes a value infinite, zero or NaN", () => {
    const wild = sanitizeInputs({ ...shortener, dailyUsers: Number.NaN, peakFactor: 0, targetUtilization: 5, concurrencyPerServer: -3 });
    expect(wild.dailyUsers).toBe(shortener.dailyUsers);
    expect(wild.peakFactor).toBe(1);
    expect(wild.targetUtilization).toBe(1);
    expect(wild.concurrencyPerServer).toBe(1);
    expect(workedValue("servers", { ...shortener, serviceTimeMs: 0 }).value).toBeGreaterThanOrEqual(1);
  });
});

describe("W28 estimate checker: reading what the reader typed", () => {
  it.each([
    ["5000", 5000],
    ["5,000", 5000],
    ["1 200 000", 1_200_000],
    ["4.6k", 4600],
    ["9.1e12", 9.1e12],
    ["2.5 M", 2_500_000],
    ["3bn", 3e9],
    [".5", 0.5],
  ])("%s → %d", (text, value) => {
    expect(parseEstimate(text)).toBeCloseTo(value, 6);
  });

  it.each(["", "abc", "-5", "0", "1,2", "5 req/s", "500B", "1e400"])("rejects %j", (text) => {
    expect(parseEstimate(text)).toBeNull();
  });
});

describe("W28 estimate checker: grading and the slip it suspects", () => {
  it("within a factor of two is on target, within ten the right order, beyond that off", () => {
    expect(checkEstimate("peak-rps", 5_000, shortener).verdict).toBe("on-target");
    expect(checkEstimate("peak-rps", 2_400, shortener).verdict).toBe("on-target");
    expect(checkEstimate("peak-rps", 20_000, shortener).verdict).toBe("right-order");
    expect(checkEstimate("peak-rps", 400, shortener).verdict).toBe("off");
  });

  it("a daily total given as a rate is caught as the 86,400 slip", () => {
    const c = checkEstimate("avg-rps", 200_000_000, shortener);
    expect(c.verdict).toBe("off");
    expect(c.direction).toBe("high");
    expect(c.slips.join(" ")).toMatch(/86,400/);
  });

  it("bytes per second given as bits is caught as the factor-of-8 slip", () => {
    const feed = presetInputs("news-feed");
    const bytesPerSecond = workedValue("egress", feed).value / 8;
    const c = checkEstimate("egress", bytesPerSecond, feed);
    expect(c.slips.join(" ")).toMatch(/multiply bytes by 8/);
  });

  it("a forgotten peak factor is named when it explains the gap", () => {
    const chat = presetInputs("chat");
    const avg = workedValue("avg-rps", chat).value;
    const c = checkEstimate("peak-rps", avg, chat);
    expect(c.verdict).toBe("right-order");
    expect(c.slips.join(" ")).toMatch(/peak factor/);
  });

  it("forgotten copies and retention years are named for storage", () => {
    const feed = presetInputs("news-feed");
    const full = workedValue("storage", feed).value;
    expect(checkEstimate("storage", full / 3, feed).slips.join(" ")).toMatch(/3 stored copies/);
    expect(checkEstimate("storage", full / 5, feed).slips.join(" ")).toMatch(/5 years/);
    expect(checkEstimate("storage", full / 365, feed).slips.join(" ")).toMatch(/365/);
  });

  it("an on-target estimate gets no slip, and a gap no slip explains gets none", () => {
    expect(checkEstimate("servers", 10, shortener).slips).toEqual([]);
    expect(checkEstimate("servers", 60, shortener).slips).toEqual([]);
  });

  it("says how far off and which way", () => {
    expect(verdictText(checkEstimate("servers", 9, shortener))).toBe("Spot on: within 5 % of the worked value.");
    expect(verdictText(checkEstimate("avg-rps", 2_300, shortener))).toBe("Spot on: within 5 % of the worked value.");
    expect(verdictText(checkEstimate("avg-rps", 3_000, shortener))).toBe("On target: within a factor of two (1.3 times too high).");
    expect(verdictText(checkEstimate("peak-rps", 50_000, shortener))).toBe("Off by more than ten times: 11 times too high.");
    expect(verdictText(checkEstimate("peak-rps", 1_000, shortener))).toMatch(/^Right order of magnitude, but 4\.6 times too low/);
  });
});
