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
results=.data/test-results.json
rm -f "$results"
npx jest --ci --json --outputFile="$results" "$@"
status=$?
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    const line = `${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "");
    console.log(line);
  ' "$ROOT_DIR/$results"
else
  echo "0 passed, 1 failed"
fi
exit $status
