#!/usr/bin/env bash
# CPU time (clock ticks, usually 1/100 s) used so far by each thread of a JVM, summed by thread name
# (the kernel keeps the first 15 characters; application threads of the JVM all show as "java").
# Take it twice and subtract to see where a benchmark phase spent its CPU:
#   bench/scripts/thread-cpu.sh "$(pgrep -f citizen-hub-bench.jar)" > before
#   ... the phase runs ...
#   bench/scripts/thread-cpu.sh "$(pgrep -f citizen-hub-bench.jar)" > after
#   awk -F'|' 'NR==FNR {a[$1]=$2; next} {print $2-a[$1] "\t" $1}' before after | sort -rn | head
set -euo pipefail
pid=${1:?usage: thread-cpu.sh PID}
for task in /proc/"$pid"/task/*; do
  name=$(cat "$task/comm" 2>/dev/null) || continue
  fields=$(sed 's/.*) //' "$task/stat" 2>/dev/null) || continue
  [ -n "$fields" ] || continue
  # after the command name: field 12 is utime, 13 stime (stat(5) fields 14 and 15)
  set -- $fields
  echo "$name|$(( ${12} + ${13} ))"
done | awk -F'|' '{ n = $1; sub(/[0-9]+$/, "", n); t[n] += $2 } END { for (k in t) print k "|" t[k] }' | sort
