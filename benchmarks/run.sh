#!/usr/bin/env bash
# Runs the Typed IPC benchmarks. See docs/benchmarks.md.
#
#   benchmarks/run.sh quick   # sanity check, about 4 minutes: small payload, 1 short iteration per case
#   benchmarks/run.sh full    # the numbers in docs/benchmarks.md: all payloads, about 25 minutes on 2 cores
#
# Builds benchmarks/target/benchmarks.jar first when it is missing or older than the sources. Writes, under
# benchmarks/results/: <mode>.json (JMH), <mode>.md (tables made from it by Report), <mode>-interleaved.md,
# <mode>-processor-cost.md, and <mode>-machine.txt. Extra arguments are passed to JMH (e.g. -p transport=tcp).
set -euo pipefail

mode="${1:-quick}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

case "$mode" in
  quick)
    # 60 cases x ~2.2 s each. One fork, so no statistics: only "does every case run, and in which ballpark".
    jmh=(-p payload=small -f 1 -wi 1 -w 300ms -i 1 -r 700ms)
    interleaved=(4 300 small)
    processor=(1 100)
    ;;
  full)
    # 180 cases x ~7.5 s each (JVM and server start, 2 x 1 s warm-up, 3 x 1 s measured) ~ 23 min.
    jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    interleaved=(12 2000 small)
    processor=(3 100 500 1000)
    ;;
  *)
    echo "usage: $0 quick|full [extra JMH options]" >&2
    exit 2
    ;;
esac

if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/src" "$here/pom.xml" "$root/runtime/src/main" "$root/processor/src/main" \
      "$root/annotations/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "== building $jar"
  (cd "$root" && mvn -B -q -pl annotations,processor,runtime,benchmarks -am package -DskipTests)
fi

mkdir -p "$results"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- runtime processor annotations 2>/dev/null || echo ' (runtime/processor with uncommitted changes)')"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo 2>/dev/null || true
  echo "memory: $(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo 2>/dev/null)"
  echo "kernel: $(uname -sr)"
  "$java" -version 2>&1 | head -n 3
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
} > "$results/$mode-machine.txt"

echo "== JMH ($mode)"
"$java" -jar "$jar" IpcBenchmark "${jmh[@]}" -prof gc -foe true \
  -rf json -rff "$results/$mode.json" "$@" | tee "$results/$mode-jmh.log" | grep -E '^(# Parameters|Benchmark|IpcBenchmark)' || true
"$java" -cp "$jar" io.typedipc.benchmarks.Report "$results/$mode.json" > "$results/$mode.md"

# vscode-jsonrpc (node to node) for the interleaved run: installed from benchmarks/node's lock file.
if command -v npm > /dev/null && { [[ ! -d "$here/node/node_modules" ]] \
      || [[ "$here/node/package-lock.json" -nt "$here/node/node_modules" ]]; }; then
  echo "== npm ci in $here/node (vscode-jsonrpc)"
  (cd "$here/node" && npm ci --no-audit --no-fund --silent) || echo "npm ci failed: vscode-jsonrpc will not be measured"
fi

echo "== interleaved: every implementation, blocking, pipelined and one-way ($mode)"
"$java" -cp "$jar" io.typedipc.benchmarks.Interleaved "${interleaved[@]}" > "$results/$mode-interleaved.md"

echo "== processor cost ($mode)"
"$java" -cp "$jar" io.typedipc.benchmarks.compile.ProcessorCost "${processor[@]}" > "$results/$mode-processor-cost.md"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >> "$results/$mode-machine.txt"
echo "== done: $results/$mode.md, $mode-interleaved.md, $mode-processor-cost.md"
