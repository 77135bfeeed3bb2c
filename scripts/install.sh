#!/usr/bin/env bash
# Node.js 24 (project-local) and the npm dependencies, reinstalled only when package-lock.json changed.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/node-env.sh
source "$ROOT_DIR/scripts/node-env.sh"
cd "$ROOT_DIR"
stamp="node_modules/.package-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node -v)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "install: npm ci (node $(node -v))" >&2
  if ! npm ci --no-audit --no-fund --loglevel=error 2>"$ROOT_DIR/.npm-ci.log"; then
    # npm 11 writes lockfiles without other platforms' optional binaries (@swc/core-darwin-*, ...) and
    # then `npm ci` refuses them as out of sync. `install --no-save` installs the same locked versions
    # and leaves package-lock.json untouched.
    if grep -q 'Missing: .* from lock file' "$ROOT_DIR/.npm-ci.log"; then
      echo "install: npm ci refused the lockfile's missing optional platform packages; npm install --no-save" >&2
      npm install --no-save --no-audit --no-fund --loglevel=error
    else
      cat "$ROOT_DIR/.npm-ci.log" >&2
      exit 1
    fi
  fi
  rm -f "$ROOT_DIR/.npm-ci.log"
  echo "$want" > "$stamp"
fi
