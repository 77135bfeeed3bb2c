#!/usr/bin/env bash
# PostgreSQL for the project: use the server on $PGHOST:$PGPORT when it answers; otherwise install
# Debian's postgresql and start it. Then create one database per service (and their test twins).
#   scripts/postgres.sh ensure     server up + databases created
#   scripts/postgres.sh status
set -euo pipefail
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SERVICES=(order inventory fulfillment shipping aftersales notification)
DB_PREFIX="${DB_PREFIX:-oms}"

log() { echo "postgres: $*" >&2; }
answers() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null || psql -qtAc 'select 1' postgres >/dev/null 2>&1; }

install_and_start() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { log "not running and not installed; install Debian's postgresql (needs root)"; exit 1; }
    log "installing Debian's postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version; version="$(ls /etc/postgresql | sort -V | tail -n1)"
  local conf="/etc/postgresql/$version/main"
  # Local development server: trust on loopback, as the machine's own server is configured.
  if ! grep -qE '^host\s+all\s+all\s+127.0.0.1/32\s+trust' "$conf/pg_hba.conf"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
  fi
  log "starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 60); do answers && return; sleep 0.5; done
  log "server did not answer on $PGHOST:$PGPORT"; exit 1
}

ensure_databases() {
  for service in "${SERVICES[@]}"; do
    for db in "${DB_PREFIX}_${service}" "${DB_PREFIX}_${service}_test"; do
      if [ -z "$(psql -qtAc "select 1 from pg_database where datname = '$db'" postgres)" ]; then
        psql -qc "create database \"$db\"" postgres >/dev/null && log "created database $db"
      fi
    done
  done
}

case "${1:-ensure}" in
  ensure)
    if answers; then log "server answers on $PGHOST:$PGPORT"; else install_and_start; fi
    ensure_databases ;;
  status) answers && log "up on $PGHOST:$PGPORT" || { log "down"; exit 1; } ;;
  *) echo "usage: $0 ensure|status" >&2; exit 2 ;;
esac
