#!/usr/bin/env bash
# Makes sure the Debian packages Fairdebt needs outside npm are installed:
#   fonts-noto-cjk  Noto Sans CJK, the font of the PDF letters (Chinese and Latin text)
#   poppler-utils   pdftotext, with which the tests read rendered letters back
#   chromium        the browser the web UI tests drive
#
# Runs before `npm test`, `npm run test:pg` and `npm start`, so it must be quick when nothing is
# missing: one dpkg-query call and no network. When something is missing it installs only that, once,
# without questions (CI has no terminal), if it runs as root; otherwise it prints the command to run
# and fails, because a test run without the fonts would fail later with a less helpful message.
#
# Set FAIRDEBT_SKIP_SYSTEM_DEPS=1 to skip the check (a machine that provides these some other way).
set -euo pipefail

PACKAGES=(fonts-noto-cjk poppler-utils chromium)
# How long apt waits for another apt/dpkg process to release its lock, in seconds.
APT_LOCK_TIMEOUT_SECONDS=300

if [ "${FAIRDEBT_SKIP_SYSTEM_DEPS:-}" = "1" ]; then
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "ensure-system-deps: this is not a Debian-based system (no dpkg-query)." >&2
  echo "Install the equivalents of: ${PACKAGES[*]} (Noto Sans CJK fonts, pdftotext, Chromium)," >&2
  echo "then set FAIRDEBT_SKIP_SYSTEM_DEPS=1 to skip this check." >&2
  exit 1
fi

# Packages whose status is not "install ok installed" (unknown packages print nothing and count as missing).
missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
  local p
  for p in "${PACKAGES[@]}"; do
    if ! grep -qxF "$p" <<<"$installed"; then
      printf '%s\n' "$p"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

install_args=(-y --no-install-recommends -o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT_SECONDS}" "${missing[@]}")

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install ${install_args[*]}" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT_SECONDS}" -q </dev/null
apt-get install -q "${install_args[@]}" </dev/null

mapfile -t still_missing < <(missing_packages)
if [ "${#still_missing[@]}" -ne 0 ]; then
  echo "ensure-system-deps: still missing after apt-get install: ${still_missing[*]}" >&2
  exit 1
fi
echo "ensure-system-deps: installed ${missing[*]}"
