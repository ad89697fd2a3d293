#!/usr/bin/env bash
# Current Locust beside the machine's own, for the tests: Debian sid's python3-locust (2.4x on the
# newest Python) in a minimal sid chroot, reached through `locust` and `python3` wrappers that run
# inside it with the same paths (the repository, the temporary folder and the wrappers' folder are
# bind-mounted at the same place), the same network (loopback) and the same process ids to signal.
#
#   scripts/sid-locust.sh up      builds the chroot when missing, mounts, prints the wrappers' folder
#   scripts/sid-locust.sh down    unmounts (the chroot itself is kept for the next run)
#
# Needs root and Debian's apt (debootstrap is installed with apt-get when missing). The mirror is the
# one this machine's apt uses. Every failure ends with one line on stderr and exit code 2.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
root=${SID_ROOT:-/var/tmp/distributed-locust-sid}
bin="$root-bin"

fail() {
  echo "sid-locust: $1" >&2
  exit 2
}
trap 'status=$?; echo "sid-locust: line $LINENO failed (exit $status): $BASH_COMMAND" >&2; exit 2' ERR

mounted() { mountpoint -q "$1"; }

# The Debian mirror of this machine's apt sources (deb822 or one-line format).
apt_mirror() {
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
      /etc/apt/sources.list 2>/dev/null || true)
  fi
  echo "$uri"
}

build() {
  command -v debootstrap >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null && apt-get install -y -qq debootstrap >/dev/null
  } || fail "debootstrap is missing and 'apt-get install debootstrap' failed; install it and run this again"
  local mirror log
  mirror=$(apt_mirror)
  [ -n "$mirror" ] || fail "no Debian mirror in /etc/apt/sources.list(.d); configure apt, then run this again"
  log=$(mktemp)
  echo "Building a minimal Debian sid chroot in $root (a few minutes)…" >&2
  rm -rf "$root.partial"
  if ! debootstrap --variant=minbase sid "$root.partial" "$mirror" >"$log" 2>&1; then
    fail "debootstrap of sid failed ($(tail -n 1 "$log")); see $log"
  fi
  mount -t proc proc "$root.partial/proc"
  if ! chroot "$root.partial" sh -c '
      export DEBIAN_FRONTEND=noninteractive
      dpkg --configure -a >/dev/null 2>&1 || true
      apt-get -o Acquire::Check-Valid-Until=false update -qq &&
      apt-get install -y -qq --no-install-recommends python3-locust python3-boto3' >"$log" 2>&1; then
    umount "$root.partial/proc"
    fail "installing python3-locust in the sid chroot failed ($(tail -n 1 "$log")); see $log"
  fi
  umount "$root.partial/proc"
  rm -f "$log"
  mv "$root.partial" "$root"
}

bind() {
  local source=$1 target="$root$1"
  mkdir -p "$target"
  mounted "$target" || mount --bind "$source" "$target"
}

up() {
  [ "$(id -u)" = 0 ] || fail "needs root (chroot and mount); run it as root"
  [ -x "$root/usr/bin/locust" ] || build
  mkdir -p "$bin"
  local chroot_command
  # By its full path: tests run the wrappers with a PATH of their own.
  chroot_command=$(command -v chroot) || fail "no chroot command (coreutils) on PATH"
  # python3 runs inside the chroot in the caller's folder; `locust` is a Python script run by it,
  # so the local backend finds its Python from the shebang as it does for any installed Locust.
  cat >"$bin/python3" <<EOF
#!/bin/sh
exec $chroot_command "$root" /usr/bin/env -C "\$PWD" /usr/bin/python3 "\$@"
EOF
  cat >"$bin/locust" <<EOF
#!$bin/python3
import sys
from locust.main import main
sys.argv[0] = "locust"
sys.exit(main())
EOF
  chmod +x "$bin/python3" "$bin/locust"
  mounted "$root/proc" || mount -t proc proc "$root/proc"
  bind /dev
  bind /tmp
  bind "$bin"
  bind "$repo"
  local version
  version=$(PATH="$bin:$PATH" locust --version 2>&1 | awk '{ print $2; exit }') ||
    fail "the sid chroot's locust does not start; remove $root and run this again"
  echo "Locust $version from Debian sid is ready: put $bin first on PATH." >&2
  echo "$bin"
}

down() {
  for target in "$root$repo" "$root$bin" "$root/tmp" "$root/dev" "$root/proc"; do
    if mounted "$target"; then umount "$target" || umount -l "$target"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) fail "usage: scripts/sid-locust.sh up|down" ;;
esac
