#!/bin/bash
# Issue #12 diagnosis (docs/calibration-open-rows.md), a tracing run, not a measurement. As root, from anywhere:
#   scripts/calibrate/diag/run-traced.sh NAME [RMEM] -- npm run -s calibrate -- …
# runs the lab with diag/ss-poll.sh polling the server's namespace (output: /tmp/rtcal-diag/NAME.poll and NAME.out)
# and, when RMEM is given (e.g. "4096 4194304 16777216"), sets the client namespace's net.ipv4.tcp_rmem to it as soon
# as the namespace exists (lab.ts does not record it). Both helpers are stopped by their pids when the run ends.
set -u
name=$1
shift
rmem=""
if [ "$1" != "--" ]; then
  rmem=$1
  shift
fi
shift
cd "$(dirname "$0")/../../.." || exit 1
mkdir -p /tmp/rtcal-diag
(
  until ip netns list 2>/dev/null | grep -q rtcal-s && ip netns exec rtcal-s ss -ltnH 2>/dev/null | grep -q ':443'; do sleep 0.2; done
  exec ip netns exec rtcal-s bash scripts/calibrate/diag/ss-poll.sh >"/tmp/rtcal-diag/$name.poll"
) &
poller=$!
setter=""
if [ -n "$rmem" ]; then
  (
    until ip netns list 2>/dev/null | grep -q rtcal-c; do sleep 0.1; done
    ip netns exec rtcal-c sysctl -w net.ipv4.tcp_rmem="$rmem"
  ) &
  setter=$!
fi
"$@" >"/tmp/rtcal-diag/$name.out" 2>&1
rc=$?
kill "$poller" 2>/dev/null
[ -n "$setter" ] && kill "$setter" 2>/dev/null
echo "rc=$rc; load $(cut -d' ' -f1-3 /proc/loadavg); namespaces left: $(ip netns list | wc -l)"
exit $rc
