import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { figureRangeMs, formatFigureRange, referenceFigure } from "@/lib/content/reference-figures";
import { CACHING_FIGURES, initialCache, LAYERS, request } from "@/lib/core/widgets/caching/model";
import { DNS_FIGURES, initialDnsState, lookup } from "@/lib/core/widgets/dns/model";
import { DEFAULT_RACE, RACE_RTT } from "@/lib/core/widgets/http-race";
import { computeJourney, DEFAULT_JOURNEY, JOURNEY_FIGURES } from "@/lib/core/widgets/latency-budget";
import { DEFAULT_NAGLE, NAGLE_RTT } from "@/lib/core/widgets/nagle";
import { type WidgetFigure, widgetFigure } from "@/lib/core/widgets/reference-figures";
import { DEFAULT_SLOW_START, SLOW_START_RTT } from "@/lib/core/widgets/slow-start";
import { EDGE_RTT_MS, ORIGIN_RTT_MS, TLS_TERMINATION_FIGURES } from "@/lib/core/widgets/tls-termination";
import { TRANSPORT_RTT } from "@/lib/core/widgets/transport/model";

const inRange = (figureId: string, ms: number) => {
  const { lowMs, highMs } = figureRangeMs(figureId);
  return ms >= lowMs - 1e-9 && ms <= highMs + 1e-9;
};

const WIDGET_FIGURES: Record<string, WidgetFigure> = {
  ...Object.fromEntries(Object.entries(CACHING_FIGURES).map(([k, v]) => [`W10 caching ${k}`, v])),
  ...Object.fromEntries(Object.entries(DNS_FIGURES).map(([k, v]) => [`W4 DNS ${k}`, v])),
  ...Object.fromEntries(Object.entries(JOURNEY_FIGURES).map(([k, v]) => [`W20 latency budget ${k}`, v])),
  ...Object.fromEntries(Object.entries(TLS_TERMINATION_FIGURES).map(([k, v]) => [`W27 TLS termination ${k}`, v])),
  "W16 slow start RTT": SLOW_START_RTT,
  "W17 Nagle RTT": NAGLE_RTT,
  "W18 HTTP race RTT": RACE_RTT,
  "W3 transport RTT": TRANSPORT_RTT,
};

describe("widgets take their latency figures from the reference table", () => {
  it("keeps every widget figure inside its table range", () => {
    const outside = Object.entries(WIDGET_FIGURES)
      .filter(([, f]) => !inRange(f.figureId, f.ms))
      .map(([name, f]) => `${name}: ${f.ms} ms is outside "${referenceFigure(f.figureId).label}" (${formatFigureRange(referenceFigure(f.figureId))})`);
    expect(outside).toEqual([]);
    expect(Object.keys(WIDGET_FIGURES).length).toBeGreaterThanOrEqual(14);
  });

  it("would catch a value outside the range, and an id the table does not have", () => {
    expect(inRange("postgres-indexed", 30)).toBe(false);
    expect(() => widgetFigure("rtt-moon", 2_500)).toThrow(/Unknown reference figure/);
  });

  it("simulates with those figures: the presets and the results a reader sees", () => {
    expect(DEFAULT_SLOW_START.rttMs).toBe(SLOW_START_RTT.ms);
    expect(DEFAULT_NAGLE.rttMs).toBe(NAGLE_RTT.ms);
    expect(DEFAULT_RACE.rttMs).toBe(RACE_RTT.ms);
    expect([EDGE_RTT_MS, ORIGIN_RTT_MS]).toEqual([TLS_TERMINATION_FIGURES.edgeRtt.ms, TLS_TERMINATION_FIGURES.originRtt.ms]);

    const journey = computeJourney(DEFAULT_JOURNEY);
    expect(inRange("dns-cache-miss", journey.phases.find((p) => p.id === "dns")?.ms ?? -1)).toBe(true);
    expect(inRange("rtt-transpacific", journey.originRttMs)).toBe(true);
    expect(inRange("rtt-edge", computeJourney({ ...DEFAULT_JOURNEY, edgeTermination: true }).clientRttMs)).toBe(true);

    const cold = lookup(initialDnsState(), { type: "A", ttl: 300 });
    expect(cold.walked).toBe(true);
    expect(inRange("dns-cache-miss", cold.elapsedMs)).toBe(true);
    const warm = lookup(cold.state, { type: "A", ttl: 300 });
    expect(warm.answeredBy).toBe("browser cache");
    expect(inRange("dns-cache-hit", warm.elapsedMs)).toBe(true);

    // A cold request falls through to the database: origin round trip plus an indexed query, both from the table.
    const first = request(initialCache("users"));
    expect(first.servedBy).toBe("db");
    expect(first.latencyMs).toBe(CACHING_FIGURES.originRtt.ms + CACHING_FIGURES.databaseQuery.ms);
    for (const [layer, figureId] of [["cdn", "cdn-hit"], ["redis", "redis-read"], ["db", "postgres-indexed"]] as const) {
      const shown = LAYERS.find((l) => l.id === layer);
      expect(shown?.latency).toBe(formatFigureRange(referenceFigure(figureId)));
      expect(inRange(figureId, shown?.ms ?? -1)).toBe(true);
    }
  });

  it("leaves no round-trip constant in widget code that does not come from the table", () => {
    const root = path.join(process.cwd(), "lib/core/widgets");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const literal = /\b(?:rttMs|RttMs|[A-Z_]*RTT_MS)\s*(?:[:=]|\?\?)\s*\d/;
    const offenders = files.flatMap((f) =>
      readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `lib/core/widgets/${f}:${i + 1}` }))
        .filter(({ line }) => literal.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
