#!/usr/bin/env bash
# Installs what test/vscode/harness/run.mjs needs into <repo>/.vscode-test/ (git-ignored):
#   - code-server 4.100.3 (a real VS Code 1.100.3 server + web workbench) from the npm registry,
#     with code-server's postinstall.sh reproduced by hand (its install scripts would download
#     from GitHub, which this machine and CI cannot reach);
#   - playwright-core (drives Debian's /usr/bin/chromium; never `playwright install`).
# Debian packages it needs are installed with apt-get when missing.
#
# Idempotent and non-interactive; a second run is a no-op (well under 1 s) guarded by a marker.
#   bash test/vscode/harness/install.sh                          # install if missing / outdated
#   VSCODE_HARNESS_FRESH=1 bash test/vscode/harness/install.sh   # wipe (incl. npm cache), reinstall
#   VSCODE_HARNESS_CACHE=/some/dir bash ...                      # use another cache folder
# Nothing is written to $HOME: npm cache, XDG dirs and logs all live under the cache folder.
set -euo pipefail

CS_VERSION=4.100.3          # = VS Code 1.100.3; needs Node 20 exactly
PLAYWRIGHT_VERSION=1.65.1
RECIPE_REV=1                # bump when the steps below change, to force a reinstall
APT_PACKAGES=(build-essential python3 libkrb5-dev ripgrep chromium)
# lib/vscode native modules built from source (the Windows-only ones are skipped: they ship
# prebuilt binaries or are never loaded on Linux; @parcel/watcher uses its registry prebuild).
NATIVE_MODULES=(@vscode/spdlog node-pty kerberos native-watchdog @vscode/deviceid)

HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HARNESS_DIR/../../.." && pwd)
CACHE=${VSCODE_HARNESS_CACHE:-$REPO_ROOT/.vscode-test}
CS_PREFIX=$CACHE/code-server-$CS_VERSION
CS_DIR=$CS_PREFIX/node_modules/code-server
VS_DIR=$CS_DIR/lib/vscode
TOOLS_DIR=$CACHE/tools
MARKER=$CACHE/harness-install.json
LOG=$CACHE/logs/install.log
STAMP="code-server=$CS_VERSION playwright-core=$PLAYWRIGHT_VERSION recipe=$RECIPE_REV node=$(node -v 2>/dev/null | cut -d. -f1)"

T0=$SECONDS
say() { printf '[vscode-harness install %3ss] %s\n' "$((SECONDS - T0))" "$*"; }
die() {
  printf '[vscode-harness install] ERROR: %s\n' "$*" >&2
  [[ -f $LOG ]] && printf '[vscode-harness install] full log: %s\n' "$LOG" >&2
  exit 1
}

# Runs a step with its output appended to the install log; on failure prints the log's tail.
step() {
  local what=$1; shift
  say "$what"
  printf '\n===== %s %s\n      (cwd %s)\n' "$(date +%T)" "$*" "$PWD" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "----- last lines of the install log -----" >&2
    grep -v 'Unknown \(user\|env\) config' "$LOG" | tail -n 40 >&2
    die "step failed: $what"
  fi
}

# -------------------------------------------------------------------------------------------------
# 0. Preconditions
NODE_VERSION=$(node -v 2>/dev/null) || die "node is not on PATH (code-server $CS_VERSION needs Node 20)"
[[ $NODE_VERSION == v20.* ]] || die "code-server $CS_VERSION needs Node 20 exactly; found $NODE_VERSION"
mkdir -p "$CACHE/logs"
# .vscode-test/ is git-ignored by the repo; make sure of it for other checkouts.
[[ -f $CACHE/.gitignore ]] || echo '*' >"$CACHE/.gitignore"

# One installer at a time (two npm scripts started together must not interleave).
exec 9>"$CACHE/.install.lock"
flock -w 1800 9 || die "timed out waiting for another install.sh (lock $CACHE/.install.lock)"

# -------------------------------------------------------------------------------------------------
# 1. Debian packages: only touches apt when something is missing.
missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) == "install ok installed" ]] || echo "$p"
  done
}

SUDO=()
# apt-get that waits for the dpkg/apt locks (another apt may be running on this machine).
apt_retry() {
  local out i
  for ((i = 1; i <= 180; i++)); do
    if out=$("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=60 "$@" 2>&1); then
      printf '%s\n' "$out" >>"$LOG"
      return 0
    fi
    printf '%s\n' "$out" >>"$LOG"
    if grep -qiE 'could not get lock|unable to acquire|unable to lock|another process' <<<"$out"; then
      say "apt/dpkg is locked by another process; waiting (try $i)"
      sleep 5
    elif [[ $1 != -o ]] && grep -q 'gpgv, gpgv2 or gpgv1 required for verification' <<<"$out"; then
      # Seen on a sandboxed machine: apt's `_apt` user cannot run the signature verifier there.
      # Signatures are still checked, by gpgv running as root.
      say "apt's sandbox user cannot run gpgv here: verifying the package lists as root"
      set -- -o APT::Sandbox::User=root "$@"
    elif ((i < 3)) && grep -q 'dpkg --configure -a' <<<"$out"; then
      say "an earlier dpkg run was interrupted: running dpkg --configure -a"
      "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive dpkg --configure -a >>"$LOG" 2>&1 || true
    else
      printf '%s\n' "$out" | tail -n 20 >&2
      return 1
    fi
  done
  return 1
}

mapfile -t MISSING < <(missing_packages)
if ((${#MISSING[@]})); then
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
      die "missing Debian packages: ${MISSING[*]}; run as root or: sudo apt-get install -y ${MISSING[*]}"
    fi
  fi
  say "Debian packages missing: ${MISSING[*]}"
  say "apt-get update"
  apt_retry update || die "apt-get update failed"
  say "apt-get install ${MISSING[*]} (may take a few minutes)"
  apt_retry install -y --no-install-recommends "${MISSING[@]}" || die "apt-get install ${MISSING[*]} failed"
  mapfile -t MISSING < <(missing_packages)
  ((${#MISSING[@]} == 0)) || die "still missing after apt-get install: ${MISSING[*]}"
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing although package chromium is installed"
[[ -x /usr/bin/rg ]] || die "/usr/bin/rg is missing although package ripgrep is installed"

# -------------------------------------------------------------------------------------------------
# 2. Fast path: everything already installed by this very recipe.
installed_ok() {
  [[ -f $MARKER ]] && [[ $(node -e 'process.stdout.write(require(process.argv[1]).stamp||"")' "$MARKER" 2>/dev/null) == "$STAMP" ]] &&
    [[ -f $CS_DIR/out/node/entry.js && -f $TOOLS_DIR/node_modules/playwright-core/package.json ]] &&
    [[ -e $VS_DIR/node_modules/@vscode/ripgrep/bin/rg ]]
}
if [[ ${VSCODE_HARNESS_FRESH:-0} != 1 ]] && installed_ok; then
  say "already installed ($STAMP) in $CACHE"
  exit 0
fi

# -------------------------------------------------------------------------------------------------
# 3. Environment for the installs: everything inside the cache folder, nothing in $HOME.
export XDG_CONFIG_HOME=$CACHE/xdg/config XDG_DATA_HOME=$CACHE/xdg/data
export XDG_CACHE_HOME=$CACHE/xdg/cache XDG_STATE_HOME=$CACHE/xdg/state
export npm_config_cache=$CACHE/npm-cache
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_progress=false npm_config_loglevel=warn
export npm_config_yes=true          # an install script that runs npx must not prompt (no stdin in CI)
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

# node-gyp: build against the local Node headers; downloading them is impossible here.
if [[ -z ${npm_config_nodedir:-} ]]; then
  NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
  for d in "$NODE_PREFIX" /usr /usr/local; do
    if [[ -f $d/include/node/node.h ]]; then export npm_config_nodedir=$d; break; fi
  done
fi
[[ -n ${npm_config_nodedir:-} && -f $npm_config_nodedir/include/node/node.h ]] ||
  die "Node headers (include/node/node.h) not found next to $(command -v node); node-gyp cannot build native modules"
NPM_CLI_DIR=$(node -p 'require("path").dirname(require("fs").realpathSync(process.argv[1]))' "$(command -v npm)")
NODE_GYP=${npm_config_node_gyp:-$NPM_CLI_DIR/../node_modules/node-gyp/bin/node-gyp.js}
[[ -f $NODE_GYP ]] || die "node-gyp not found (looked for npm's bundled $NODE_GYP)"
export npm_config_node_gyp=$NODE_GYP   # used by node-pre-gyp (argon2)
JOBS=$(nproc 2>/dev/null || echo 2)

if [[ ${VSCODE_HARNESS_FRESH:-0} == 1 ]]; then
  say "fresh install requested: removing the previous install and the npm cache"
  rm -rf "$CS_PREFIX" "$TOOLS_DIR" "$npm_config_cache" "$MARKER"
fi
rm -f "$MARKER"
printf '\n########## install started %s\n' "$(date -Is)" >>"$LOG"
# other versions left by an older recipe
for old in "$CACHE"/code-server-*; do [[ $old == "$CS_PREFIX" || ! -d $old ]] || rm -rf "$old"; done
say "installing into $CACHE (log: $LOG)"

# -------------------------------------------------------------------------------------------------
# 4. code-server itself, without its postinstall (it would download ripgrep/prebuilds from GitHub).
#    A partial earlier attempt is wiped: every step below runs against a clean tree.
rm -rf "$CS_PREFIX"
mkdir -p "$CS_PREFIX"
cd "$CS_PREFIX"
echo '{ "name": "vscode-harness-code-server", "private": true }' >package.json
step "npm install code-server@$CS_VERSION (scripts off)" \
  npm install --ignore-scripts --no-save --no-package-lock "code-server@$CS_VERSION"

# argon2 (code-server's password hashing, loaded even with --auth none): node-pre-gyp would fetch a
# GitHub prebuild; build it from source into the place node-pre-gyp looks (lib/binding/napi-v3).
resolve_pkg() { node -p 'require("path").dirname(require.resolve(process.argv[1] + "/package.json", { paths: [process.argv[2]] }))' "$1" "$2"; }
ARGON2_DIR=$(resolve_pkg argon2 "$CS_DIR") || die "argon2 is not in code-server's dependencies"
NODE_PRE_GYP_DIR=$(resolve_pkg @mapbox/node-pre-gyp "$ARGON2_DIR") || die "@mapbox/node-pre-gyp not found"
cd "$ARGON2_DIR"
step "build argon2 from source" node "$NODE_PRE_GYP_DIR/bin/node-pre-gyp" rebuild --build-from-source
rm -rf build-tmp-napi-*

# -------------------------------------------------------------------------------------------------
# 5. What code-server's postinstall.sh does, by hand.
cd "$VS_DIR"
step "lib/vscode: npm install --omit=dev (scripts off)" npm install --omit=dev --ignore-scripts --no-save
for m in "${NATIVE_MODULES[@]}"; do
  (cd "$VS_DIR/node_modules/$m" && step "lib/vscode: build $m" node "$NODE_GYP" rebuild "--jobs=$JOBS")
done
# @vscode/ripgrep's postinstall downloads rg from GitHub: use Debian's ripgrep.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
# Built-in extensions' shared dependency (typescript); its postinstall only trims typescript.
cd "$VS_DIR/extensions"
step "lib/vscode/extensions: npm install --omit=dev" npm install --omit=dev --no-save

# -------------------------------------------------------------------------------------------------
# 6. playwright-core (no browser download: it drives /usr/bin/chromium).
rm -rf "$TOOLS_DIR"
mkdir -p "$TOOLS_DIR"
cd "$TOOLS_DIR"
echo '{ "name": "vscode-harness-tools", "private": true }' >package.json
step "npm install playwright-core@$PLAYWRIGHT_VERSION (scripts off)" \
  npm install --ignore-scripts --no-save --no-package-lock "playwright-core@$PLAYWRIGHT_VERSION"

# -------------------------------------------------------------------------------------------------
# 7. Check that every native module really loads (npm may skip install scripts silently),
#    that ripgrep runs, and that code-server starts its CLI.
cd "$VS_DIR"
step "check: native modules load" node -e '
  for (const m of ["@parcel/watcher", "@vscode/spdlog", "node-pty", "kerberos", "native-watchdog", "@vscode/deviceid"]) {
    require(m); console.log("loaded", m);
  }'
cd "$CS_DIR"
step "check: argon2 loads" node -e 'require("argon2"); console.log("loaded argon2")'
step "check: ripgrep runs" "$VS_DIR/node_modules/@vscode/ripgrep/bin/rg" --version
step "check: playwright-core loads" node -e 'require(process.argv[1]); console.log("loaded playwright-core")' \
  "$TOOLS_DIR/node_modules/playwright-core"
# (the first start writes a default config.yaml into $XDG_CONFIG_HOME, i.e. inside the cache)
CS_REPORTED=$(node "$CS_DIR/out/node/entry.js" --version 2>>"$LOG" | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1) ||
  die "code-server --version failed"
[[ $CS_REPORTED == "$CS_VERSION "* ]] || die "code-server reports '$CS_REPORTED', expected $CS_VERSION"

node -e '
  const [marker, stamp, cs, vsVer, pw] = process.argv.slice(1);
  require("fs").writeFileSync(marker, JSON.stringify({
    stamp, codeServer: cs, vscode: vsVer, playwrightCore: pw, node: process.version,
    installedAt: new Date().toISOString(),
  }, null, 2) + "\n");' \
  "$MARKER" "$STAMP" "$CS_VERSION" "$(node -p 'require(process.argv[1]).version' "$VS_DIR/package.json")" "$PLAYWRIGHT_VERSION"
say "done: code-server $CS_REPORTED, $(du -sh "$CACHE" | cut -f1) in $CACHE"
