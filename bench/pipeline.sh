#!/usr/bin/env bash
# The pipeline benchmark (bench/pipeline/run.ts): provisions the broker and database like the tests, then
# starts the six services and drives the whole order lifecycle through the public APIs.
#   npm run bench -- [--duration 30] [--concurrency 24] [--profile smoke]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
bash scripts/install.sh
source scripts/node-env.sh
bash scripts/postgres.sh ensure
bash scripts/kafka.sh start
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export OTEL_SDK_DISABLED=true NODE_ENV=production
exec node --conditions=@oms/source -r ./tools/swc-register.js bench/pipeline/run.ts "$@"
