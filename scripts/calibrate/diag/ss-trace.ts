import { readFileSync } from "node:fs";
import { parseLabResults } from "../results";

// Issue #12 diagnosis (docs/calibration-open-rows.md): reads the lab's tracing output (tracing runs, not measurements).
//  [RTCAL_SERIES=1] npx tsx scripts/calibrate/diag/ss-trace.ts poll FILE [RESULTS_JSON]
//    FILE from diag/ss-poll.sh: `ss -tinm` of the server's connections every few ms, with the namespace's HyStart
//    counters. Per connection (in the order they opened): whether slow start ended with no retransmission (HyStart:
//    ssthresh appears while bytes_retrans is absent) and at which cwnd, the largest cwnd, the retransmissions. With the
//    run's results file (one transfer at a time), each configuration's repetitions are paired in order with the traced
//    connections of its RTT: the repetition's rounds after the first byte beside its connection's trace.
//  npx tsx scripts/calibrate/diag/ss-trace.ts paced FILE [ID_SUBSTRING]
//    FILE (repetitions of configurations whose id contains ID_SUBSTRING, e.g. "rtt100-") from `RTCAL_SS=1 npm run calibrate -- --client paced … --record-raw FILE`: the server's cwnd after each response
//    of each repetition. (The simulation's windows it was compared with came from diag/cubic-variants.ts, a restatement
//    of the loss simulation removed once its proposals were adopted in model 2.11; see docs/calibration-open-rows.md.)

type Sample = {
  t: number;
  port: string;
  cwnd: number;
  ssthresh?: number;
  retransBytes: number;
  acked: number;
  sndbuf?: number;
  /** tcp_info's chronograph (ms): sending, held by the receiver's window, held by the send buffer (tcp_chrono_start). */
  busy: number;
  rwndLimited: number;
  sndbufLimited: number;
  /** The connection's smoothed RTT (ms), to tell a configuration's connections from its floor's. */
  rttMs: number;
};

const field = (line: string, name: string) => {
  const m = new RegExp(`(?:^|\\s)${name}:(\\d+)`).exec(line);
  return m ? Number(m[1]) : undefined;
};

/** A chronograph field of ss -ti ("busy:120ms", "rwnd_limited:40ms(33.3%)"), in ms; 0 when absent. */
const chrono = (line: string, name: string) => Number(new RegExp(`(?:^|\\s)${name}:(\\d+)ms`).exec(line)?.[1] ?? 0);

function poll(file: string, resultsFile?: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const samples: Sample[] = [];
  let t = 0;
  let port = "";
  let counters: number[] = [];
  const firstCounters: number[] = [];
  for (const line of lines) {
    if (line.startsWith("T ")) t = Number(line.slice(2));
    else if (line.startsWith("N ")) {
      counters = line.slice(2).trim().split(/\s+/).map(Number);
      if (firstCounters.length === 0) firstCounters.push(...counters);
    } else if (/^\S/.test(line)) port = (/:(\d+)\s*$/.exec(line.trim()) ?? [])[1] ?? "";
    else if (line.includes("cwnd:") && port) {
      const cwnd = field(line, "cwnd") as number;
      const ssthresh = field(line, "ssthresh");
      const sndbuf = /skmem:\([^)]*tb(\d+)/.exec(line)?.[1];
      samples.push({
        t,
        port,
        cwnd,
        ...(ssthresh !== undefined ? { ssthresh } : {}),
        retransBytes: field(line, "bytes_retrans") ?? 0,
        acked: field(line, "bytes_acked") ?? 0,
        ...(sndbuf ? { sndbuf: Number(sndbuf) } : {}),
        busy: chrono(line, "busy"),
        rwndLimited: chrono(line, "rwnd_limited"),
        sndbufLimited: chrono(line, "sndbuf_limited"),
        rttMs: Number(/(?:^|\s)rtt:([\d.]+)/.exec(line)?.[1] ?? 0),
      });
    }
  }
  const byPort = new Map<string, Sample[]>();
  for (const s of samples) byPort.set(s.port, [...(byPort.get(s.port) ?? []), s]);
  // The send buffer's sizes in order, each with the bytes acknowledged when it was first seen (tcp_sndbuf_expand's steps).
  const steps = (ss: Sample[]) =>
    ss
      .filter((s, i) => s.sndbuf !== undefined && (i === 0 || s.sndbuf !== (ss[i - 1] as Sample).sndbuf))
      .map((s) => `${s.sndbuf}@${s.acked}`)
      .join(" → ");
  let hystart = 0;
  const exits: number[] = [];
  for (const [p, ss] of byPort) {
    const exit = ss.find((s) => s.ssthresh !== undefined && s.retransBytes === 0);
    const last = ss[ss.length - 1] as Sample;
    if (exit) {
      hystart += 1;
      exits.push(exit.ssthresh as number);
    }
    console.log(
      `conn ${p} (rtt ${last.rttMs.toFixed(0)} ms): ${((last.t - (ss[0] as Sample).t) * 1000).toFixed(0)} ms seen, ${ss.length} samples, acked ${last.acked} B, max cwnd ${Math.max(...ss.map((s) => s.cwnd))}, ${exit ? `slow start ended without loss at ssthresh ${exit.ssthresh} (acked ${exit.acked} B)` : "no loss-free exit"}, retransmitted ${last.retransBytes} B, busy ${last.busy} ms, rwnd-limited ${last.rwndLimited} ms, sndbuf-limited ${last.sndbufLimited} ms${last.sndbuf ? `, sndbuf ${steps(ss)}` : ""}`,
    );
    // RTCAL_SERIES=1: the window's course, one entry per change: cwnd(ssthresh)@ms since the first sample, with the
    // retransmitted segments so far (to count the reductions and read the window each recovery left).
    if (process.env.RTCAL_SERIES)
      console.log(
        "  " +
          ss
            .filter((x, i) => i === 0 || x.cwnd !== (ss[i - 1] as Sample).cwnd || x.ssthresh !== (ss[i - 1] as Sample).ssthresh)
            .map(
              (x) =>
                `${x.cwnd}${x.ssthresh !== undefined ? `(${x.ssthresh})` : ""}@${((x.t - (ss[0] as Sample).t) * 1000).toFixed(0)}${x.retransBytes > 0 ? `r${Math.round(x.retransBytes / 1448)}` : ""}`,
            )
            .join(" "),
      );
  }
  if (resultsFile) {
    const results = parseLabResults(readFileSync(resultsFile, "utf8"));
    const conns = [...byPort.values()];
    const used = new Set<Sample[]>();
    for (const m of results.measurements) {
      const c = m.config;
      const mine = conns.filter(
        (ss) => !used.has(ss) && Math.abs((ss[ss.length - 1] as Sample).rttMs - c.rttMs) < 0.25 * c.rttMs,
      );
      console.log(`${c.id}: ${m.samples.length} repetitions, ${mine.length} traced connections of its RTT`);
      m.samples.forEach((x, i) => {
        const ss = mine[i];
        if (!ss) return;
        used.add(ss);
        // The send buffer when the measured (last) response began: the last size seen before its bytes were acknowledged.
        const before = ss.filter((s) => s.acked <= (ss[ss.length - 1] as Sample).acked - c.bytes);
        const exit = ss.find((s) => s.ssthresh !== undefined && s.retransBytes === 0);
        console.log(
          `  rep ${i + 1}: ${((x.totalMs - x.ttfbMs) / c.rttMs).toFixed(2)} RTT after the first byte, total ${x.totalMs.toFixed(0)} ms; sndbuf before it ${before.length ? (before[before.length - 1] as Sample).sndbuf : "?"}, max cwnd ${Math.max(...ss.map((s) => s.cwnd))}, ${exit ? `loss-free exit at ${exit.ssthresh}` : "no loss-free exit"}, retrans ${(ss[ss.length - 1] as Sample).retransBytes} B, rwnd-limited ${(ss[ss.length - 1] as Sample).rwndLimited} ms`,
        );
      });
    }
  }
  const names = ["TrainDetect", "TrainCwnd", "DelayDetect", "DelayCwnd"];
  console.log(
    `${byPort.size} connections traced; ${hystart} left slow start with no retransmission (ssthresh at ${exits.sort((a, b) => a - b).join(", ")})`,
  );
  console.log(
    `HyStart counters over the trace: ${names.map((n, i) => `${n} +${(counters[i] ?? 0) - (firstCounters[i] ?? 0)}`).join(", ")}`,
  );
}

function paced(file: string, only = ""): void {
  // The record-raw file: "# ID rep K" then the paced client's lines, "SS after=N server: …" among them.
  const reps: number[][] = [];
  let keep = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("# ")) {
      keep = line.includes(only);
      if (keep) reps.push([]);
    }
    const m = /^SS after=(\d+) server: (.*)$/.exec(line);
    const cwnd = m ? field(m[2] as string, "cwnd") : undefined;
    if (keep && m && cwnd !== undefined) (reps[reps.length - 1] as number[])[Number(m[1]) - 1] = cwnd;
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * p)] as number;
  const spread = (xs: number[]) =>
    `${q(xs, 0.25).toFixed(0)}/${q(xs, 0.5).toFixed(0)}/${q(xs, 0.75).toFixed(0)} (mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)})`;
  const responses = Math.max(...reps.map((r) => r.length));
  console.log(`${reps.length} traced repetitions, server cwnd after each response: p25/p50/p75 (mean)`);
  for (let k = 0; k < responses; k++) {
    const seen = reps.map((r) => r[k]).filter((x): x is number => x !== undefined);
    console.log(
      `after ${k + 1}: traced ${spread(seen)} n=${seen.length}`,
    );
  }
}

const [mode, file, rtt] = process.argv.slice(2);
if (mode === "poll" && file) poll(file, rtt);
else if (mode === "paced" && file) paced(file, rtt);
else throw new Error("usage: ss-trace.ts poll FILE [RESULTS_JSON] | paced FILE [ID_SUBSTRING]");
