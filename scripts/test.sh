#!/usr/bin/env bash
# Runs every test against a real Kafka broker and a real PostgreSQL, which it provisions itself:
# type-check, then all jest projects (unit, contract, integration, end to end).
# Ends with one line: "N passed, N failed".
set -uo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
bash scripts/install.sh || exit 1
source scripts/node-env.sh
bash scripts/postgres.sh ensure || exit 1
bash scripts/kafka.sh start || exit 1
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export LOG_LEVEL="${LOG_LEVEL:-error}" OTEL_SDK_DISABLED=true

echo "test: type-check, lint, format" >&2
# The module-boundary lint rule reads Nx's project graph; on a fresh clone it must be computed first,
# or the rule is silently skipped.
npx nx show projects >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
if ! npm run --silent typecheck || ! npx eslint . || ! npx prettier --check . >/dev/null; then
  [ -n "$(npx prettier --list-different . 2>/dev/null)" ] && npx prettier --list-different . >&2
  echo "0 passed, 1 failed"
  exit 1
fi

mkdir -p .data
# Every service the tests start writes its output under .data/e2e-logs (see e2e/harness/system.ts).
rm -rf .data/e2e-logs
# Counts of one jest JSON report: "passed failed skipped" (a suite that failed to load counts as failed).
counts() {
  [ -f "$1" ] || { echo "0 1 0"; return; }
  node -e '
    const r = require(process.argv[1]);
    const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(`${r.numPassedTests} ${r.numFailedTests + failedSuites} ${r.numPendingTests}`);
  ' "$ROOT_DIR/$1"
}

results=.data/test-results.json
rm -f "$results"
npx jest --ci --json --outputFile="$results" "$@"
status=$?
read -r passed failed skipped < <(counts "$results")

# The benchmark's smoke profile (npm run bench -- --profile smoke): one test that fails only if the pipeline
# stalls (orders not delivered), never on a speed. Skipped with a jest selection, like the fault suite.
if [ $# -eq 0 ] && [ "${SKIP_BENCH_SMOKE:-}" != 1 ]; then
  echo "test: benchmark smoke profile" >&2
  if bash bench/run.sh bench/pipeline/run.ts --profile smoke > .data/bench-smoke.log 2>&1; then
    passed=$((passed + 1))
    grep -E '^(phase|max|50%)' .data/bench-smoke.log >&2
  else
    failed=$((failed + 1)); status=1
    echo "test: benchmark smoke profile FAILED (the pipeline stalled); its last lines:" >&2
    tail -n 40 .data/bench-smoke.log >&2
  fi
fi

# The fault suite (short profile) on a broker and database of its own, which it kills and restarts.
# Skipped when jest was given a selection (a path or pattern): then only that selection runs.
if [ $# -eq 0 ] && [ "${SKIP_FAULTS:-}" != 1 ]; then
  echo "test: fault suite (short profile)" >&2
  bash scripts/faults.sh short >&2
  faults_status=$?
  read -r fp ff fs < <(counts .data/faults-results.json)
  passed=$((passed + fp)); failed=$((failed + ff)); skipped=$((skipped + fs))
  [ $faults_status -ne 0 ] && status=$faults_status
fi
# A failed run shows the errors the services logged (the whole logs stay in .data/e2e-logs).
if [ "$status" -ne 0 ] && [ -d .data/e2e-logs ]; then
  echo "test: errors logged by services (last 5 per service and run)" >&2
  grep -rlE '"level":"(error|fatal)"' .data/e2e-logs 2>/dev/null | while read -r file; do
    echo "--- $file" >&2
    grep -E '"level":"(error|fatal)"' "$file" | tail -n 5 | cut -c1-1500 >&2
  done
fi
echo "$passed passed, $failed failed$([ "$skipped" != 0 ] && echo ", $skipped skipped")"
exit $status
