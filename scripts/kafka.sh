#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft), without Docker.
#   scripts/kafka.sh start    fetch jars (cached), format storage once, start, wait for metadata
#   scripts/kafka.sh stop     stop the broker this script started
#   scripts/kafka.sh status   0 when a broker answers on $KAFKA_PORT
#   scripts/kafka.sh restart
# Idempotent: a broker already answering on the port is reused, whoever started it.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="$(sed -n 's#.*<kafka.version>\(.*\)</kafka.version>.*#\1#p' "$ROOT_DIR/infra/kafka/pom.xml")"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-12}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_LIBS="${KAFKA_CACHE_DIR:-$ROOT_DIR/.cache/kafka}/$KAFKA_VERSION/libs"
KAFKA_DATA="${KAFKA_DATA_DIR:-$ROOT_DIR/.data/kafka}"
CONFIG="$KAFKA_DATA/server.properties"
LOG="$KAFKA_DATA/server.log"
PIDFILE="$KAFKA_DATA/broker.pid"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
# JVM flags for the short-lived admin tools: start fast, use little.
TOOL_JAVA_OPTS=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)

log() { echo "kafka: $*" >&2; }

fetch_jars() {
  if [ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] && [ -f "$KAFKA_LIBS/.complete" ]; then return; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch the Kafka jars"; exit 1; }
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into ${KAFKA_LIBS#$ROOT_DIR/}"
  rm -rf "$KAFKA_LIBS"
  (cd "$ROOT_DIR/infra/kafka" && mvn -q -B -ntp ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL} dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$KAFKA_LIBS") || { log "Maven could not fetch the Kafka jars"; exit 1; }
  touch "$KAFKA_LIBS/.complete"
}

write_config() {
  mkdir -p "$KAFKA_DATA/logs"
  cat > "$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA/logs
num.partitions=$KAFKA_PARTITIONS
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
}

answers_metadata() {
  java "${TOOL_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list >/dev/null 2>&1
}

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$KAFKA_PORT") 2>/dev/null; }

fail_with_log() {
  log "$1"
  if [ -f "$LOG" ]; then log "last lines of ${LOG#$ROOT_DIR/}:"; tail -n 40 "$LOG" >&2; fi
  exit 1
}

start() {
  fetch_jars
  if port_open; then
    if answers_metadata; then log "a broker already answers on $KAFKA_HOST:$KAFKA_PORT: reusing it"; return; fi
    fail_with_log "port $KAFKA_PORT is taken by something that does not answer Kafka metadata requests"
  fi
  write_config
  if [ ! -f "$KAFKA_DATA/logs/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java "${TOOL_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null)"
    log "formatting storage (cluster $cluster_id)"
    java "${TOOL_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format \
      -t "$cluster_id" -c "$CONFIG" --ignore-formatted >/dev/null 2>&1 || fail_with_log "storage format failed"
  fi
  log "starting Kafka $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT"
  # setsid: the broker outlives the shell that started it (CI steps, `npm run up`).
  # shellcheck disable=SC2086
  setsid nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$CONFIG" >"$LOG" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  local started=$SECONDS
  until port_open && answers_metadata; do
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then fail_with_log "the broker exited during start"; fi
    if (( SECONDS - started > START_TIMEOUT )); then fail_with_log "no metadata answer after ${START_TIMEOUT}s"; fi
    sleep 0.5
  done
  log "ready after $((SECONDS - started))s (pid $(cat "$PIDFILE"), log ${LOG#$ROOT_DIR/})"
}

stop() {
  if [ ! -f "$PIDFILE" ] || ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    rm -f "$PIDFILE"; log "no broker started by this script is running"; return
  fi
  local pid; pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "broker did not stop in 30s: killing"; kill -9 "$pid"; fi
  rm -f "$PIDFILE"; log "stopped"
}

status() {
  if port_open && answers_metadata; then
    log "up on $KAFKA_HOST:$KAFKA_PORT$( [ -f "$PIDFILE" ] && echo " (pid $(cat "$PIDFILE"))")"; return 0
  fi
  log "down"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  fetch) fetch_jars ;;
  *) echo "usage: $0 start|stop|status|restart|fetch" >&2; exit 2 ;;
esac
