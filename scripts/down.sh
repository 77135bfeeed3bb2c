#!/usr/bin/env bash
# Stops the services started by scripts/up.sh (gracefully: they finish their batches) and the broker.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
source scripts/services.sh
for service in "${SERVICES[@]}"; do
  pidfile="$RUN_DIR/$service.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "down: stopped $service" >&2
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--keep-broker" ] || bash scripts/kafka.sh stop
