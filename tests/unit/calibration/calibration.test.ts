import { readFileSync } from "node:fs";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { describe, expect, it } from "vitest";
import { bottleneckConfigs, floorConfig, labConfigs, lossBottleneckConfigs, matchesOnly, transfersAtOnce, type LabConfig } from "@/scripts/calibrate/configs";
import { parseCurlTimings, median, probeRtt, type CurlTiming } from "@/scripts/calibrate/curl-output";
import { fittedTransferMs, textbookTransferMs } from "@/scripts/calibrate/predict";
import { buildRows, describe as describeConfig, medianInterval, renderChart, renderTable, summarize, withHost } from "@/scripts/calibrate/report";
import { renderDoc, ruleLossOutcomes, ruleQuantile } from "@/scripts/calibrate/report-doc";
import { CLIENT_TCP_RMEM, LAB_SYSCTLS } from "@/scripts/calibrate/lab";
import {
  handshakeLossOutcomesMs,
  pathPenaltyOutcomesMs,
  requestLossOutcomesMs,
  responseSegments,
  type Outcomes,
} from "@/lib/core/evaluator/transfer-fit";
import { mergeInto, parseLabResults, type LabResults } from "@/scripts/calibrate/results";

// Real curl output recorded by `npm run calibrate --record-raw` (one "# <configuration> rep N" line, then curl's
// --write-out lines), parsed and turned into the report as the lab does.
const FIXTURE = readFileSync(new URL("./fixtures/curl-output.txt", import.meta.url), "utf8");

function recordedMeasurements(): { config: LabConfig; samples: CurlTiming[] }[] {
  const known = new Map<string, LabConfig>();
  for (const c of labConfigs()) {
    known.set(c.id, c);
    known.set(floorConfig(c).id, floorConfig(c));
  }
  const blocks = FIXTURE.split(/^# /m).filter((b) => b.trim() !== "");
  return blocks.map((block) => {
    const id = block.split(/\s/)[0] as string;
    const config = known.get(id);
    if (!config) throw new Error(`fixture names an unknown configuration ${id}`);
    const timings = parseCurlTimings(block);
    // The lab measures the last transfer: the second one on a kept-alive connection.
    return { config, samples: [timings[timings.length - 1] as CurlTiming] };
  });
}

function recordedResults(): LabResults {
  const all = recordedMeasurements();
  return parseLabResults(
    JSON.stringify({
      startedAt: "2026-12-05T20:44:31.000Z",
      finishedAt: "2026-12-05T20:53:26.000Z",
      durationSeconds: 535,
      repetitions: 1,
      modelVersion: "test",
      machine: {
        cpu: "test cpu",
        cores: 2,
        kernel: "6.18",
        loadAverageStart: [1, 1, 1],
        loadAverageEnd: [1, 1, 1],
        congestionControls: ["reno", "cubic", "bbr"],
        tools: { curl: "curl 7.88.1" },
      },
      measurements: all.filter((m) => m.config.rttMs > 0),
      floors: all.filter((m) => m.config.rttMs === 0),
    }),
  );
}

describe("curl output parser", () => {
  it("reads every RTCAL line of the recorded output, in milliseconds", () => {
    const timings = parseCurlTimings(FIXTURE);
    expect(timings).toHaveLength(6);
    expect(timings[0]).toEqual({
      responseCode: 200,
      httpVersion: "2",
      newConnections: 1,
      sizeBytes: 1000,
      connectMs: 40.911,
      appconnectMs: 86.746,
      ttfbMs: 127.915,
      totalMs: 128.048,
    });
  });

  it("keeps a reused connection's zero handshake times and the HTTP/1.1 version", () => {
    const timings = parseCurlTimings(FIXTURE);
    expect(timings[2]).toMatchObject({
      newConnections: 0,
      connectMs: 0,
      appconnectMs: 0,
      ttfbMs: 41.092,
      totalMs: 124.036,
    });
    expect(timings[4]).toMatchObject({ httpVersion: "1.1", appconnectMs: 608.424, totalMs: 2218.131 });
  });

  it("ignores lines without the prefix and rejects a malformed field by name", () => {
    expect(parseCurlTimings("curl: (7) Failed to connect\n")).toEqual([]);
    expect(() =>
      parseCurlTimings("RTCAL code=200 http=2 connects=1 size=10 connect=oops appconnect=0 ttfb=0 total=0"),
    ).toThrow(/connect/);
    expect(() => parseCurlTimings("RTCAL code=200 http=2 connects=1 size=10 connect=0 appconnect=0 ttfb=0")).toThrow(
      /total/,
    );
  });

  it("probes the bridge's RTT on each handshake: 5 % off is redone, a SYN that waited for its timeout stands", () => {
    const c = { rttMs: 100, connection: "new" as const };
    // 0.6 ms of the hosts' own connect time, then the bridge's round trip.
    expect(probeRtt(c, { connectMs: 100.6 }, 0.6)).toBe("ok");
    expect(probeRtt(c, { connectMs: 105.5 }, 0.6)).toBe("ok");
    expect(probeRtt(c, { connectMs: 105.7 }, 0.6)).toBe("off");
    expect(probeRtt(c, { connectMs: 94.5 }, 0.6)).toBe("off");
    expect(probeRtt(c, { connectMs: 1100.6 }, 0.6)).toBe("syn-lost");
    // A kept-alive transfer and a 0 ms floor have no handshake through the bridge to probe.
    expect(probeRtt({ rttMs: 100, connection: "kept-alive" }, { connectMs: 0 }, 0.6)).toBe("ok");
    expect(probeRtt({ rttMs: 0, connection: "new" }, { connectMs: 0.6 }, 0.6)).toBe("ok");
  });

  it("takes the median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe("calibration table writer", () => {
  const results = recordedResults();
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  const byId = new Map(rows.map((r) => [r.config.id, r]));

  it("compares each measured last byte with the model plus the host floor", () => {
    const small = byId.get("cubic-rtt40-loss0-tls1.3-h2-new-1kB");
    expect(small?.measured.totalMs).toBe(128.048);
    // The floor of this configuration at 0 ms RTT (recorded) is what the hosts add.
    const floor = results.floors.find((f) => f.config.id === "cubic-rtt0-loss0-tls1.3-h2-new-1kB");
    expect(floor).toBeDefined();
    const hostMs = floor?.samples[0]?.totalMs ?? NaN;
    expect(small?.hostMs).toBeCloseTo(hostMs, 6);
    // TCP 1 RTT + TLS 1.3 1 RTT + request 1 RTT = 120 ms, plus the floor.
    expect(small?.textbook.totalMs).toBeCloseTo(120 + hostMs, 6);
    expect(small?.textbookErrorPct).toBeCloseTo(((120 + hostMs - 128.048) / 128.048) * 100, 6);
  });

  it("charges a kept-alive 1 MB response no round after the first byte (textbook) or one (fitted)", () => {
    const ka = byId.get("cubic-rtt40-loss0-tls1.3-h2-ka-1MB");
    expect(ka?.textbook.totalMs).toBe(40); // the request's RTT; no floor recorded for it: host 0
    expect(ka?.fitted.totalMs).toBe(40 + 40);
    expect(ka?.textbookErrorPct).toBeCloseTo(((40 - 124.036) / 124.036) * 100, 6);
    // The wired evaluator (its own hopModel) charges the same second round.
    expect(ka?.wired.totalMs).toBe(40 + 40);
  });

  it("predicts with the wired evaluator what the fitted rule predicts, random loss and congestion control included", () => {
    // One rule: the evaluator's hopModel takes the edge's lossRate and congestionControl (model 2.2). A design's
    // loss is a real path's, random; the lab's periodic rows ask the rule for a pattern the evaluator never sees.
    const all = labConfigs();
    expect(all.some((c) => c.lossRate > 0 && c.cc === "bbr")).toBe(true);
    const every = {
      ...results,
      measurements: all.map((config) => ({ config, samples: [results.measurements[0]!.samples[0]!] })),
    };
    const built = buildRows(parseLabResults(JSON.stringify(every)), textbookTransferMs, fittedTransferMs);
    const periodic = (r: (typeof built)[number]) => r.config.lossRate > 0 && r.config.lossPattern === "periodic";
    expect(built.filter((r) => r.config.lossRate > 0 && !periodic(r)).length).toBe(10);
    for (const r of built.filter((x) => !periodic(x))) expect(r.wired.totalMs).toBeCloseTo(r.fitted.totalMs, 9);
    // The periodic rows are the same rule with the lab's pattern: a CUBIC 1 MB transfer at 10 ms differs between the two.
    const pair = built.filter(
      (r) => r.config.cc === "cubic" && r.config.rttMs === 10 && r.config.lossRate > 0 && r.config.bytes === 1_000_000,
    );
    expect(pair).toHaveLength(2);
    expect(new Set(pair.map((r) => r.fitted.totalMs)).size).toBe(2);
  });

  it("adds the floor's first-byte work in full and half its body work where the network's rounds hide the rest", () => {
    const p = { connectMs: 40, appconnectMs: 80, ttfbMs: 120, totalMs: 320 };
    // 200 ms of rounds after the first byte hide the sender's half of 10 ms of body work; the receiver's 5 ms stay.
    expect(withHost(p, 17, 10)).toEqual({ ...p, ttfbMs: 127, totalMs: 127 + 200 + 5 });
    // At 0 ms RTT the prediction is the floor itself.
    const zero = { connectMs: 0, appconnectMs: 0, ttfbMs: 0, totalMs: 0 };
    expect(withHost(zero, 17, 10).totalMs).toBe(17);
  });

  it("brackets the median with a reproducible bootstrap interval that narrows with more repetitions", () => {
    const spread = [100, 120, 90, 400, 110, 95, 105, 300, 98, 102, 130];
    const [lo, hi] = medianInterval(spread);
    expect(lo).toBeLessThanOrEqual(median(spread));
    expect(hi).toBeGreaterThanOrEqual(median(spread));
    expect(medianInterval(spread)).toEqual([lo, hi]);
    const [lo4, hi4] = medianInterval([...spread, ...spread, ...spread, ...spread]);
    expect(hi4 - lo4).toBeLessThan(hi - lo);
    expect(medianInterval([5, 5, 5])).toEqual([5, 5]);
  });

  it("writes one table row per configuration with units, and a summary that matches the rows", () => {
    const table = renderTable(rows);
    const lines = table.split("\n");
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toContain("Measured last byte");
    expect(table).toContain(
      "| CUBIC | 40 ms | 0 % | 1.3 | h2 | kept alive | 1 MB | 0 ms | 0.0 ms | – | 1 | 41.1 ms | 124 ms (124–124) | 124–124 ms | 124–124 ms | 40.0 ms | −67.8 % | 80.0 ms | −35.5 % | 80.0 ms | −35.5 % |",
    );
    const s = summarize(rows, "textbook");
    expect(s.count).toBe(rows.length);
    expect(s.maxAbsErrorPct).toBeCloseTo(Math.max(...rows.map((r) => Math.abs(r.textbookErrorPct))), 9);
    expect(s.worst[0]?.config.id).toBe("cubic-rtt40-loss0-tls1.3-h2-ka-1MB");
  });

  it("draws two points per configuration in an SVG with a title and a description", () => {
    const svg = renderChart(rows, { textbook: summarize(rows, "textbook"), fitted: summarize(rows, "fitted") });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('<title id="t">');
    expect(svg).toContain(`${rows.length} configurations`);
    expect(svg.match(/<circle class="point" cx="[\d.]+" cy="[\d.]+"/g)).toHaveLength(2 * rows.length);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("reads the loss table's percentiles from the evaluator's whole distribution, the waits only a timer ends included", () => {
    // The rule's 50th, 90th and 99th percentiles are what the evaluator's percentiles draw for the hop: handshake
    // waits, the simulated transfers and (model 2.5.0) a lost request's probe and a lost last segment's extra round.
    // Model 2.5.0's report left the last two out, so its tails read low where a request was lost.
    const config = labConfigs().find((c) => c.id === "cubic-rtt100-loss1-tls1.3-h2-new-100kB") as LabConfig;
    const every = { ...results, measurements: [{ config, samples: [results.measurements[0]!.samples[0]!] }] };
    const [row] = buildRows(parseLabResults(JSON.stringify(every)), textbookTransferMs, fittedTransferMs);
    const mean = (o: Outcomes) => o.reduce((t, x) => t + x.ms * x.p, 0);
    const input = { lossRate: 0.01, rttMs: 100 };
    const parts =
      mean(handshakeLossOutcomesMs({ ...input, tcpRtts: 1, tlsRtts: 1, quicRtts: 0 })) +
      mean(pathPenaltyOutcomesMs({ ...input, responseBytes: 100_000, connection: "new", congestionControl: "cubic" })) +
      mean(requestLossOutcomesMs({ ...input, connection: "new", segments: responseSegments(100_000) }));
    expect(mean(ruleLossOutcomes(row!))).toBeCloseTo(parts, 1); // outcomes below 1e-6 fold into the next longer one
    // A 100 kB response at 1 %: 2 % of new connections lose the client's flight and wait 2·RTT for the probe, so the
    // 99th percentile is at least that wait past the median.
    expect(ruleQuantile(row!, 0.99) - ruleQuantile(row!, 0.5)).toBeGreaterThanOrEqual(200);
    expect(renderDoc(every as LabResults, [row!])).toContain("50th percentile, measured / whole rule");
  });

  it("counts first bytes a round late, and sets the 16 KiB-record run beside the 4 KiB one when both are recorded", () => {
    // A first byte more than 1.5 RTT after the TLS handshake came a round late (one RTT is the request's own).
    const withFirstByte = (rtts: number) => {
      const r = structuredClone(results);
      const s = r.measurements.find((x) => x.config.id === "bbr-rtt100-loss0-tls1.3-h2-new-30kB")?.samples[0];
      if (!s) throw new Error("the recorded output has no BBR 30 kB repetition");
      s.ttfbMs = s.appconnectMs + rtts * 100;
      return r;
    };
    expect(renderDoc(results, rows)).not.toContain("First byte a round late, 16 KiB records");
    const doc = renderDoc(results, rows, new Map(), { records16k: withFirstByte(2), records4k: withFirstByte(1) });
    expect(doc).toContain("| First byte a round late, 16 KiB records | 4 KiB records |");
    expect(doc).toMatch(/\| BBR, RTT 100 ms, TLS 1\.3, HTTP\/2, new connection, 30 kB \| 1 of 1 \| 0 of 1 \|/);
  });

  it("renders the page with the summary, the machine and every row", () => {
    const doc = renderDoc(results, rows);
    expect(doc).toContain(`model version ${MODEL_VERSION}`);
    // The goal is judged on every row, random loss included.
    expect(doc).toContain(`The goal is judged on all ${rows.length}`);
    expect(doc).not.toContain("(beside)");
    expect(doc).toContain("| CPU | test cpu, 2 cores");
    for (const r of rows) expect(doc).toContain(`| ${r.config.rttMs} ms |`);
    expect(doc).not.toMatch(/NaN|undefined/);
  });

  it("pools a re-run's repetitions with the file's (--merge --pool), or replaces them (--merge), and notes it", () => {
    const id = "cubic-rtt40-loss0-tls1.3-h2-ka-1MB";
    const fresh = {
      ...results,
      startedAt: "2026-12-06T06:00:00.000Z",
      measurements: results.measurements.filter((m) => m.config.id === id),
      floors: [],
    };
    const before = results.measurements.find((m) => m.config.id === id)?.samples.length ?? 0;
    const pooled = mergeInto(results, fresh, true);
    expect(pooled.measurements.find((m) => m.config.id === id)?.samples).toHaveLength(2 * before);
    expect(pooled.measurements.map((m) => m.config.id)).toEqual(results.measurements.map((m) => m.config.id));
    expect(pooled.reruns?.at(-1)).toMatchObject({ ids: [id], pooled: true });
    const replaced = mergeInto(results, fresh);
    expect(replaced.measurements.find((m) => m.config.id === id)?.samples).toHaveLength(before);
    expect(replaced.reruns?.at(-1)?.pooled).toBeUndefined();
    expect(renderDoc(pooled, rows)).toContain("added to the first run's repetitions");
  });

  it("refuses to merge a run measured with another client receive buffer into the file", () => {
    // The client's tcp_rmem changes what is measured (lab.ts CLIENT_TCP_RMEM): one file holds one method.
    const raised: LabResults = { ...results, machine: { ...results.machine, clientTcpRmem: "4096 4194304 16777216" } };
    expect(() => mergeInto(results, raised, true)).toThrow(/tcp_rmem/);
    expect(() => mergeInto(raised, results)).toThrow(/tcp_rmem/);
    expect(mergeInto(raised, raised).machine.clientTcpRmem).toBe("4096 4194304 16777216");
  });

  it("rejects a results file with an impossible figure", () => {
    const bad = JSON.parse(JSON.stringify(results)) as { measurements: { config: { rttMs: number } }[] };
    (bad.measurements[0] as { config: { rttMs: number } }).config.rttMs = -5;
    expect(() => parseLabResults(JSON.stringify(bad))).toThrow();
  });
});

describe("the lab's TCP settings", () => {
  it("start every new connection without cached metrics, as a default Linux ≥ 5.6 server starts without a cached ssthresh", () => {
    // The model's new connection slow-starts from the initial window with no ssthresh (transfer-fit.ts). Linux would
    // otherwise seed a new connection's ssthresh from the last one to the same host (tcp_metrics) and leave slow start
    // early after a lossy one; since 5.6 it does not by default (tcp_no_ssthresh_metrics_save = 1). The lab pins both.
    expect(LAB_SYSCTLS).toContain("net.ipv4.tcp_no_metrics_save=1");
    expect(LAB_SYSCTLS).toContain("net.ipv4.tcp_no_ssthresh_metrics_save=1");
  });

  it("give the client a receive buffer whose window never holds the sender, as the model's client drains its socket", () => {
    // With the kernel's 128 KiB default curl's window fell behind slow start (docs/calibration-open-rows.md §6).
    const [min, initial, max] = CLIENT_TCP_RMEM.split(" ").map(Number);
    expect(min).toBe(4096);
    expect(initial).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(max).toBeGreaterThanOrEqual(initial as number);
  });
});

describe("the lab's schedule", () => {
  const all = labConfigs();
  const random = all.filter((c) => c.lossRate > 0 && c.lossPattern === "random");
  const rest = all.filter((c) => !(c.lossRate > 0 && c.lossPattern === "random"));

  it("runs only random-loss rows several at once; loss-free and periodic rows are timed alone", () => {
    // A run with --parallel 16 once timed the loss-free and periodic rows 16 at a time: the periodic 1 MB rows' middle
    // half widened from 906–1,148 ms to 929–1,986 ms at 40 ms (a drop counted across flows is not every 100th of each).
    for (const c of rest) expect(transfersAtOnce([c], 16), c.id).toBe(1);
    for (const c of random) expect(transfersAtOnce([c], 16), c.id).toBe(c.rttMs >= 40 ? 16 : 4);
    expect(transfersAtOnce([floorConfig(random[0] as LabConfig)], 16)).toBe(1);
    // Behind a bottleneck concurrent flows would share its rate, loss or not.
    for (const c of lossBottleneckConfigs()) expect(transfersAtOnce([c], 16), c.id).toBe(1);
  });

  it("picks the random-loss rows or every other row by keyword, else by substrings of the id", () => {
    expect(all.filter((c) => matchesOnly(c, ["random-loss"]))).toEqual(random);
    expect(all.filter((c) => matchesOnly(c, ["no-random-loss"]))).toEqual(rest);
    expect(all.filter((c) => matchesOnly(c, ["rtt40-", "rtt100-"])).every((c) => c.rttMs === 40 || c.rttMs === 100)).toBe(true);
  });
});

describe("a configuration's label", () => {
  it("tells every configuration of a matrix apart, the bottleneck's rate included", () => {
    // The calibration page's ledger once printed two bottleneck rows with one label (their rates left out).
    for (const matrix of [labConfigs(), bottleneckConfigs(), lossBottleneckConfigs()]) {
      const labels = matrix.map(describeConfig);
      expect(new Set(labels).size).toBe(labels.length);
    }
    const row = bottleneckConfigs().find((c) => c.rateMbps === 50);
    expect(row && describeConfig(row)).toContain("behind 50 Mbit/s");
  });
});
