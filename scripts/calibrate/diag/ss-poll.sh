#!/bin/bash
# Issue #12 diagnosis (docs/calibration-open-rows.md), a tracing run, not a measurement: polls `ss -tinm` of the lab
# server's TLS connections every few ms, and the namespace's HyStart counters every tenth poll, until killed. Start it
# once the lab's namespaces exist, as root:  ip netns exec rtcal-s bash scripts/calibrate/diag/ss-poll.sh > FILE &
# then read FILE with: npx tsx scripts/calibrate/diag/ss-trace.ts poll FILE. Kill it (by its pid) when the run ends:
# while it runs it keeps the server's namespace alive.
train=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "TCPHystartTrainDetect") print i }' /proc/net/netstat)
i=0
while :; do
  printf 'T %s\n' "$EPOCHREALTIME"
  ss -tinmH state established '( sport = :443 )'
  if (( i++ % 10 == 0 )); then
    awk -v c="$train" '/^TcpExt:/ { n++ } /^TcpExt:/ && n == 2 { print "N", $c, $(c + 1), $(c + 2), $(c + 3) }' /proc/net/netstat
  fi
  sleep 0.003
done
