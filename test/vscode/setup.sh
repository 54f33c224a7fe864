#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (see ../shared/VSCODE-TESTS.md), once per machine:
#   - Debian: chromium (the browser that hosts the workbench), ripgrep (code-server's search,
#     and the binary its postinstall would otherwise download from GitHub), libkrb5-dev
#     (code-server's native `kerberos` module builds against it);
#   - npm, in a cache folder OUTSIDE the project: code-server (= VS Code's server build,
#     the only VS Code the npm registry ships) and playwright-core (drives the browser).
# Idempotent: each step is skipped when what it installs is already there; a marker file
# records the npm versions. Works on a fresh machine as root with only npm + Debian repos.
set -euo pipefail

CS_VERSION=4.100.3          # = VS Code 1.100.3 on Node 20; newer ones need Node 22
PW_VERSION=1.65.1
RG_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RG_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${DIEU_VSCODE_CACHE:-${HOME:-/root}/.cache/dieu-vscode}"
MARKER="$CACHE/.dieu-installed"
WANT="code-server@$CS_VERSION playwright-core@$PW_VERSION"

t0=$(date +%s)
say() { echo "[vscode-setup] $*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# --- Debian packages -------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  t=$(date +%s)
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "apt-get install ${missing[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt-get done in $(elapsed "$t")"
else
  say "chromium, ripgrep, libkrb5-dev already installed"
fi

# --- code-server + playwright-core -----------------------------------------------------
server_main="$CACHE/node_modules/code-server/lib/vscode/out/server-main.js"
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] && [ -f "$server_main" ] \
   && [ -d "$CACHE/node_modules/playwright-core" ]; then
  say "$WANT already installed in $CACHE"
else
  t=$(date +%s)
  mkdir -p "$CACHE"
  rm -f "$MARKER"
  # code-server's postinstall fetches ripgrep from GitHub (unreachable here) unless its cache
  # holds the tarball; fill the cache from Debian's rg. The cache lives in os.tmpdir() of the
  # npm process, so pin TMPDIR for both.
  export TMPDIR="${TMPDIR:-/tmp}"
  rgdir="$TMPDIR/$RG_CACHE_NAME"
  if [ ! -s "$rgdir/$RG_TARBALL" ]; then
    say "pre-filling $rgdir/$RG_TARBALL from $(command -v rg)"
    mkdir -p "$rgdir"
    stage=$(mktemp -d)
    cp "$(command -v rg)" "$stage/rg"
    tar -czf "$rgdir/$RG_TARBALL" -C "$stage" rg
    rm -rf "$stage"
  fi
  [ -f "$CACHE/package.json" ] || echo '{ "name": "dieu-vscode-test-cache", "private": true }' > "$CACHE/package.json"
  say "npm install $WANT in $CACHE (about a minute) ..."
  # unsafe_perm: code-server's postinstall refuses root without it (npm calls it unknown; it
  # is still read). yes: node-pty's postinstall runs `npx node-gyp`. --save-exact: a caret
  # range resolves to a code-server that needs Node 22.
  (cd "$CACHE" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --save-exact --no-audit --no-fund --loglevel=error \
      "code-server@$CS_VERSION" "playwright-core@$PW_VERSION")
  [ -f "$server_main" ] || { say "ERROR: $server_main missing after install"; exit 1; }
  echo "$WANT" > "$MARKER"
  say "npm install done in $(elapsed "$t")"
fi
say "ready in $(elapsed "$t0") (cache: $CACHE)"
