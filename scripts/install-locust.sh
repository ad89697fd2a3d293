#!/usr/bin/env bash
# Makes a working `locust` command available: keeps one that works, otherwise installs Debian's
# python3-locust (and boto3 for the container entrypoint) and repairs its empty version string,
# without which a 2.12 master rejects every worker as "pre 2.0".
# Every failure ends with one line on stderr saying what failed and what to do, and exit code 2.
set -euo pipefail

PIP_HINT='python3 -m pip install locust boto3'
fail() {
  echo "install-locust: $1" >&2
  exit 2
}
trap 'status=$?; echo "install-locust: line $LINENO failed (exit $status): $BASH_COMMAND; fix that step, or install Locust with: $PIP_HINT" >&2; exit 2' ERR

locust_version() { locust --version 2>/dev/null | awk '{print $2}' || true; }

# The Python that runs `locust`, from its shebang ("#!/usr/bin/python3", "#!/usr/bin/env python3").
locust_python() {
  local script first
  script=$(command -v locust) || return 0
  first=$(head -n 1 "$script")
  case "$first" in '#!'*) ;; *) return 0 ;; esac
  set -- ${first#'#!'}
  if [ "${1##*/}" = env ]; then shift; fi
  echo "${1:-}"
}

# The last non-empty line of a command's output, to quote in a one-line failure.
last_line() { grep -v '^[[:space:]]*$' "$1" | tail -n 1 || true; }

needs_install=false
python=
if ! command -v locust >/dev/null 2>&1; then
  needs_install=true
else
  python=$(locust_python)
  # The container entrypoint runs on the same Python as Locust and needs boto3 there.
  if [ -z "$python" ] || ! "$python" -c 'import boto3' >/dev/null 2>&1; then needs_install=true; fi
fi

if [ "$needs_install" = true ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    if command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
      fail "Locust (with boto3) is not installed and there is no apt-get here to install it; install it with pip: $PIP_HINT"
    fi
    fail "Locust (with boto3) is not installed, and there is neither apt-get nor Python 3 with pip here; install Python 3 with pip, then run: $PIP_HINT"
  fi
  echo "Installing Locust from Debian's packages (python3-locust, python3-boto3) with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get needs root: a user is given the exact command to run with sudo.
  may_apt="check the network and that you may run apt-get (root or sudo)"
  if [ "$(id -u)" != 0 ]; then
    may_apt="apt-get needs root: run 'sudo apt-get update && sudo apt-get install -y python3-locust python3-boto3'"
  fi
  output=$(mktemp)
  if ! apt-get update -qq >"$output" 2>&1; then
    fail "'apt-get update' failed ($(last_line "$output")); $may_apt, then run this again, or install with pip: $PIP_HINT"
  fi
  if ! apt-get install -y -qq python3-locust python3-boto3 >"$output" 2>&1; then
    fail "'apt-get install python3-locust python3-boto3' failed ($(last_line "$output")); $may_apt, then run this again, or install with pip: $PIP_HINT"
  fi
  rm -f "$output"
  command -v locust >/dev/null 2>&1 ||
    fail "apt-get installed python3-locust but no 'locust' command is on PATH; add its folder to PATH, or install with pip: $PIP_HINT"
  python=$(locust_python)
fi

if [ -z "$(locust_version)" ]; then
  [ -n "$python" ] ||
    fail "'locust --version' prints no version and the Python behind $(command -v locust) is unknown; reinstall Locust with: $PIP_HINT"
  package_dir=$("$python" -c 'import locust, os; print(os.path.dirname(locust.__file__))' 2>/dev/null) ||
    fail "'locust --version' prints no version and $python cannot import locust to repair it; reinstall Locust with: $PIP_HINT"
  version=$(dpkg-query -W -f='${Version}' python3-locust 2>/dev/null | sed 's/-[^-]*$//' || true)
  [ -n "$version" ] ||
    fail "'locust --version' prints no version and python3-locust's version is unknown (dpkg-query); reinstall Locust with: $PIP_HINT"
  echo "Repairing Locust's empty version string ($version) in $package_dir/_version.py"
  printf "version = '%s'\n" "$version" 2>/dev/null >"$package_dir/_version.py" ||
    fail "cannot write $package_dir/_version.py to repair Locust's empty version; run this as root (or with sudo)"
fi

version=$(locust_version)
[ -n "$version" ] || fail "'locust --version' still prints no version; reinstall Locust with: $PIP_HINT"
echo "Locust $version is ready ($(command -v locust))."
