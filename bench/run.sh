#!/usr/bin/env bash
# Runs one benchmark program (bench/<name>.ts) after provisioning the broker and database like the tests.
#   bash bench/run.sh bench/pipeline/run.ts [args]      (npm run bench)
#   bash bench/run.sh bench/outbox-latency.ts [args]    (npm run bench:outbox)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
program="$1"; shift
bash scripts/install.sh
source scripts/node-env.sh
bash scripts/postgres.sh ensure
bash scripts/kafka.sh start
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export OTEL_SDK_DISABLED=true NODE_ENV=production
exec node --conditions=@oms/source -r ./tools/swc-register.js "$program" "$@"
