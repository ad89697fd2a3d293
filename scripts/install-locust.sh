#!/usr/bin/env bash
# Makes a working `locust` command available: keeps one that works, otherwise installs Debian's
# python3-locust (and boto3 for the container entrypoint) and repairs its empty version string,
# without which a 2.12 master rejects every worker as "pre 2.0".
set -euo pipefail

locust_version() { locust --version 2>/dev/null | awk '{print $2}'; }

needs_install=false
command -v locust >/dev/null 2>&1 || needs_install=true
# The container entrypoint runs on the same Python as Locust and needs boto3 there.
locust_python=
if command -v locust >/dev/null 2>&1; then
  locust_python=$(head -n 1 "$(command -v locust)" | sed 's/^#! *//; s/ .*//')
fi
if [ -z "$locust_python" ] || ! "$locust_python" -c 'import boto3' >/dev/null 2>&1; then
  needs_install=true
fi

if [ "$needs_install" = true ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Locust from Debian's packages (python3-locust, python3-boto3)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-locust python3-boto3 >/dev/null
  else
    echo "Locust is not installed. Install it with: pip install locust" >&2
    exit 1
  fi
fi

if [ -z "$(locust_version)" ]; then
  package_dir=$(/usr/bin/env python3 -c 'import locust, os; print(os.path.dirname(locust.__file__))' 2>/dev/null ||
    /usr/bin/python3 -c 'import locust, os; print(os.path.dirname(locust.__file__))')
  debian_version=$(dpkg-query -W -f='${Version}' python3-locust 2>/dev/null | sed 's/-[^-]*$//')
  echo "Repairing Locust's empty version string (${debian_version:-2.12.1}) in ${package_dir}/_version.py"
  printf "version = '%s'\n" "${debian_version:-2.12.1}" >"${package_dir}/_version.py"
fi

echo "Locust $(locust_version) is ready."
