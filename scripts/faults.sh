#!/usr/bin/env bash
# The fault suite: every service as a process, on a PostgreSQL server and a Kafka broker of its own that
# the tests kill and restart (the shared ones that other tests and `npm run up` use are never touched).
#   scripts/faults.sh [short|long]      provision, run e2e/faults, tear down; prints "N passed, N failed"
#   scripts/faults.sh pg-start|pg-stop|pg-crash|kafka-start|kafka-stop|kafka-crash   (used by the tests)
# short (CI) and long differ in orders, rate and faults injected: see e2e/faults/profile.ts.
set -uo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
export FAULTS_DIR="${FAULTS_DIR:-$ROOT_DIR/.data/faults}"
export FAULTS_PG_PORT="${FAULTS_PG_PORT:-55432}" FAULTS_KAFKA_PORT="${FAULTS_KAFKA_PORT:-19092}"
PG_DATA="$FAULTS_DIR/pg"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -n "${PG_BIN:-}" ] || PG_BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")"
kafka() {
  KAFKA_PORT="$FAULTS_KAFKA_PORT" KAFKA_CONTROLLER_PORT="$((FAULTS_KAFKA_PORT + 1))" KAFKA_DATA_DIR="$FAULTS_DIR/kafka" \
    KAFKA_PARTITIONS=3 KAFKA_HEAP_OPTS="-Xms128m -Xmx512m" bash scripts/kafka.sh "$@"
}
log() { echo "faults: $*" >&2; }

# PostgreSQL refuses to run as root: the server of the fault suite runs as the postgres user when we are root.
as_pg_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$FAULTS_DIR" && chmod 755 "$FAULTS_DIR"
    as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 >/dev/null || { log "initdb failed"; exit 1; }
  fi
  # The production settings (infra/postgres/production.conf), so that the crashes below test them.
  local settings
  settings="$(grep -Ev '^\s*(#|$)' infra/postgres/production.conf | sed -E 's/\s*=\s*/=/; s/^/-c /' | tr '\n' ' ')"
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $FAULTS_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 $settings" start >/dev/null \
    || { tail -n 20 "$PG_DATA/server.log" >&2; exit 1; }
}
pg_stop() { as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${1:-fast}" -w stop >/dev/null 2>&1 || true; }

case "${1:-short}" in
  pg-start) pg_start ;;
  pg-stop) pg_stop fast ;;
  pg-crash) pg_stop immediate ;;
  kafka-start) kafka start ;;
  kafka-stop) kafka stop ;;
  kafka-crash)
    pid="$(cat "$FAULTS_DIR/kafka/broker.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -f "$FAULTS_DIR/kafka/broker.pid"; log "broker killed (-9)" ;;
  short | long)
    profile="$1"; shift
    source scripts/node-env.sh
    # A fresh start: whatever an interrupted run left is stopped and wiped.
    pg_stop immediate; kafka stop 2>/dev/null
    rm -rf "$FAULTS_DIR"
    pg_start
    kafka start || exit 1
    log "PostgreSQL on 127.0.0.1:$FAULTS_PG_PORT, Kafka on 127.0.0.1:$FAULTS_KAFKA_PORT, profile $profile"
    mkdir -p .data
    results=".data/faults-results.json"
    rm -f "$results"
    FAULTS_PROFILE="$profile" KAFKA_BROKERS="127.0.0.1:$FAULTS_KAFKA_PORT" \
      TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$FAULTS_PG_PORT/postgres" LOG_LEVEL="${LOG_LEVEL:-error}" \
      OTEL_SDK_DISABLED=true npx jest --ci --runInBand --config e2e/faults/jest.config.js --json --outputFile="$results" "$@"
    status=$?
    kafka stop
    # E2E_KEEP_DATABASES=1: the server stays up with the suite's databases, for a post-mortem.
    [ "${E2E_KEEP_DATABASES:-}" = 1 ] || pg_stop fast
    if [ -f "$results" ]; then
      node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length} failed`)' "$ROOT_DIR/$results"
    else
      echo "0 passed, 1 failed"
    fi
    exit $status ;;
  *) echo "usage: $0 short|long|pg-start|pg-stop|pg-crash|kafka-start|kafka-stop|kafka-crash" >&2; exit 2 ;;
esac
