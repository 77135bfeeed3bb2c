#!/usr/bin/env bash
# Brings the whole system up on this machine: Node 24 and dependencies, PostgreSQL (one database per
# service), a real Kafka broker (KRaft) with its topics, migrations, and the six services. Idempotent:
# what already runs is reused. Prints where everything can be reached.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
bash scripts/install.sh
source scripts/node-env.sh
source scripts/services.sh
export NODE_ENV="${NODE_ENV:-development}" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"

bash scripts/postgres.sh ensure
bash scripts/kafka.sh start
echo "up: building" >&2
npx nx run-many -t build --output-style=static >/dev/null
node --disable-warning=TimeoutNegativeWarning tools/create-topics.js

mkdir -p "$RUN_DIR"
for service in "${SERVICES[@]}"; do
  node "services/$service/dist/migrate.js"
done

for service in "${SERVICES[@]}"; do
  pidfile="$RUN_DIR/$service.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "up: $service already running (pid $(cat "$pidfile"))" >&2
    continue
  fi
  # setsid: services outlive this script; `npm run down` stops them.
  SERVICE_NAME="$service" HTTP_PORT="${SERVICE_PORTS[$service]}" \
    setsid nohup node --disable-warning=TimeoutNegativeWarning "services/$service/dist/main.js" >"$RUN_DIR/$service.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
done

deadline=$((SECONDS + ${UP_TIMEOUT:-90}))
for service in "${SERVICES[@]}"; do
  port="${SERVICE_PORTS[$service]}"
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null || (( SECONDS > deadline )); then
      echo "up: $service did not become ready; last lines of .data/run/$service.log:" >&2
      tail -n 30 "$RUN_DIR/$service.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done

cat <<INFO

The order-management platform is up.
  Kafka broker   127.0.0.1:9092 (topics: <service>.events and <service>.events.dlq)
  PostgreSQL     127.0.0.1:5432 (databases oms_<service>)
INFO
for service in "${SERVICES[@]}"; do
  port="${SERVICE_PORTS[$service]}"
  printf '  %-13s  http://127.0.0.1:%s   docs http://127.0.0.1:%s/docs   log .data/run/%s.log\n' "$service" "$port" "$port" "$service"
done
echo "  order gRPC     127.0.0.1:${GRPC_PORT:-50051}   oms.order.v1.OrderService (libs/contracts/proto/oms/order/v1/order_service.proto)"
echo
echo "Stop everything with: npm run down"
