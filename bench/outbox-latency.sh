#!/usr/bin/env bash
# Provisions the broker and database like the tests, then runs bench/outbox-latency.ts.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
bash scripts/install.sh
source scripts/node-env.sh
bash scripts/postgres.sh ensure
bash scripts/kafka.sh start
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}" OTEL_SDK_DISABLED=true
exec node --conditions=@oms/source -r ./tools/swc-register.js bench/outbox-latency.ts "$@"
