#!/usr/bin/env bash
# Browser benchmark of the Topology graph (issue #15) in Debian's headless chromium, on a synthetic file-source cluster
# (default 10,000 pods on 100 nodes in 200 namespaces): first meaningful paint from navigation, pan/zoom frame rate
# (requestAnimationFrame trace), a delta of 100 pods, canvas against WebGL on the full graph, and the 16-pod demo.
# Figures go to stdout and tests/ClusterNet.E2E/bin/.../artifacts/topology-graph-bench.txt. ./test.sh runs the same
# Playwright program at 400 pods as a test (no timing assertions).
#   bench/topology-browser.sh [PODS]
set -euo pipefail
cd "$(dirname "$0")/.."
export CLUSTERNET_GRAPH_BENCH_PODS="${1:-10000}"
dotnet build tests/ClusterNet.E2E -c Release -v q
dotnet test tests/ClusterNet.E2E -c Release --no-build \
  --filter "FullyQualifiedName~TopologyGraphBenchmark|FullyQualifiedName~TopologyDemoDrawBenchmark" \
  --logger "console;verbosity=detailed" | grep -E "topology graph|first meaningful|where it went|server computes|pan/zoom|delta of|canvas on|webgl on|demo \(|Passed!|Failed!"
