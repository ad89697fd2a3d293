#!/usr/bin/env bash
# Times the test suite of this checkout against another commit (main by default), in pairs run
# alternately so that a machine whose speed drifts slows both alike, and prints each run's wall and
# CPU seconds (GNU time), the median and range of each side, and the median of the pairs' ratios.
#
#   bash bench/suite-time.sh                  # npm run test:unit, 5 pairs, against main
#   bash bench/suite-time.sh -n 3 --full      # the whole npm test (3+ minutes a run), 3 pairs
#   bash bench/suite-time.sh --base v1.2.0 --warm
#
# The other commit is checked out in a temporary worktree with its own `npm ci`, removed at the end.
# Each run starts from an empty jest cache, as a fresh clone does; --warm keeps each side's cache
# after one uncounted run, as on a developer's machine. Measure on a quiet machine: other load
# shows as a wide range, and each pair's row gives the 1-minute load average before it. A run whose
# suite fails (a test bounded in time, on a busy machine) is still counted, marked with `!`, and
# its failures are listed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

base=main
pairs=5
suite=test:unit
warm=false
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base=$2; shift 2 ;;
    -n) pairs=$2; shift 2 ;;
    --full) suite=test; shift ;;
    --warm) warm=true; shift ;;
    *) echo "suite-time: unknown argument '$1' (see the top of $0)" >&2; exit 2 ;;
  esac
done
case "$pairs" in '' | *[!0-9]*) echo "suite-time: -n takes a number of pairs (1-20)" >&2; exit 2 ;; esac
if [ "$pairs" -lt 1 ] || [ "$pairs" -gt 20 ]; then
  echo "suite-time: -n takes a number of pairs (1-20)" >&2
  exit 2
fi
[ -x /usr/bin/time ] || { echo "suite-time: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null
echo "Installing the packages of $base ($(git -C "$work/base" rev-parse --short HEAD))…"
(cd "$work/base" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# One run of the suite in a checkout; leaves "wall cpu" seconds in $work/$side.time, and a `!` in
# $work/$side.failed when the suite failed (its failing tests go to $work/failures).
run_suite() {
  local side=$1 dir=$2 cache="$work/cache-$1"
  [ "$warm" = true ] || rm -rf "$cache"
  : >"$work/$side.failed"
  if ! (cd "$dir" && /usr/bin/time -f '%e %U %S' -o "$work/time" \
    npm run -s "$suite" -- --cacheDirectory="$cache" >"$work/$side.log" 2>&1); then
    printf '!' >"$work/$side.failed"
    { echo "$side ($dir):"; grep -E '^(FAIL|Tests:)|●' "$work/$side.log" | head -n 20 || true; } \
      >>"$work/failures"
  fi
  # GNU time puts "Command exited with non-zero status N" before the times of a failed run.
  tail -n 1 "$work/time" | awk '{ print $1, $2 + $3 }' >"$work/$side.time"
}

if [ "$warm" = true ]; then
  echo "Warming each side's jest cache (not counted)…"
  run_suite base "$work/base"
  run_suite this .
fi

printf '%-5s %10s %10s %10s %10s %8s %6s\n' pair 'this wall' 'this cpu' 'base wall' 'base cpu' ratio load
: >"$work/rows"
: >"$work/failures"
for pair in $(seq 1 "$pairs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  # Alternate which side goes first, so neither always runs on a cooler machine.
  if [ $((pair % 2)) -eq 1 ]; then
    run_suite this .
    run_suite base "$work/base"
  else
    run_suite base "$work/base"
    run_suite this .
  fi
  read -r this_wall this_cpu <"$work/this.time"
  read -r base_wall base_cpu <"$work/base.time"
  awk -v p="$pair" -v tw="$this_wall" -v tc="$this_cpu" -v bw="$base_wall" -v bc="$base_cpu" \
    -v tf="$(cat "$work/this.failed")" -v bf="$(cat "$work/base.failed")" -v l="$load" \
    'BEGIN { printf "%-5s %9.1f%1s %10.1f %9.1f%1s %10.1f %8.3f %6s\n", p, tw, tf, tc, bw, bf, bc, tw / bw, l }' |
    tee -a "$work/rows"
done

# Median, min and max of one column of the rows.
summary() {
  awk -v c="$1" '{ print $c }' "$work/rows" | sort -g |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "median %.3f (min %.3f, max %.3f)", m, v[1], v[NR] }'
}
echo
echo "npm run $suite, $pairs pair(s), $([ "$warm" = true ] && echo 'warm jest cache' || echo 'empty jest cache each run'):"
echo "  this wall s: $(summary 2)   cpu s: $(summary 3)"
echo "  base wall s: $(summary 4)   cpu s: $(summary 5)   ($base)"
echo "  this/base wall, pair by pair: $(summary 6)"
if [ -s "$work/failures" ]; then
  echo
  echo "Runs marked ! failed (counted all the same):"
  cat "$work/failures"
fi
