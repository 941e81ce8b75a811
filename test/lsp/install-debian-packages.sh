#!/usr/bin/env bash
# Installs the Debian packages the editor-integration tests drive, when missing:
#   neovim (0.7.x: the built-in LSP client, for test/lsp/neovim) and pre-commit (for test/lsp/pre-commit).
# Idempotent and non-interactive: nothing happens when both commands are already on PATH.
#   bash test/lsp/install-debian-packages.sh [neovim] [pre-commit]     # default: both
set -euo pipefail
wanted=("$@")
[[ ${#wanted[@]} -eq 0 ]] && wanted=(neovim pre-commit)
missing=()
for package in "${wanted[@]}"; do
  case $package in
    neovim) command -v nvim >/dev/null || missing+=(neovim) ;;
    pre-commit) command -v pre-commit >/dev/null || missing+=(pre-commit) ;;
    *) echo "unknown package $package" >&2; exit 2 ;;
  esac
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
else
  SUDO=
fi
echo "[lsp tests] apt-get install ${missing[*]}"
# One `apt-get update` per machine (a fresh CI image has empty package lists).
if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null) ]]; then
  # A sandboxed machine's `_apt` user may be unable to run gpgv: then verify the lists as root.
  $SUDO apt-get update -qq || $SUDO apt-get -o APT::Sandbox::User=root update -qq
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
