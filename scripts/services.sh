# Sourced: the six services, their ports (API.md defaults) and helpers to start and stop them.
SERVICES=(order inventory fulfillment shipping aftersales notification)
declare -A SERVICE_PORTS=([order]=3001 [inventory]=3002 [fulfillment]=3003 [shipping]=3004 [aftersales]=3005 [notification]=3006)
RUN_DIR="$ROOT_DIR/.data/run"
