"""The control channel to the Locust master: code of ours that runs inside the master process.

Locust has no plugin mechanism, so the master is started through this module instead of
`python -m locust`: `install()` adds listeners to `locust.events`, the object the master's
Environment uses, and then Locust's own `main()` runs the user's locustfile exactly as `locust`
would (its shapes, tags and event listeners unchanged). Locust 2.12 and the current 2.4x both
build the master's Environment with `events=locust.events` (tested on 2.12.1 and 2.46.7). Both
also take `-f user.py,ours.py`, but then treat the run as several locustfiles: no locustfile name
in the report, and 2.12 keeps the shape class of the last file only, which would drop the user's.

    python -m distributed_locust.control <locust master args>    (the container's master)
    the local backend loads this file by path (DL_CONTROL_MODULE) and calls install()

What it does today: writes Locust's full response-time distribution per endpoint
(histograms.json, beside the --csv files) when the test stops, and again when Locust quits so an
interrupted run keeps one too (MasterControl). With DL_ROUNDS set (JSON, see rounds_plan),
RoundDriver runs the test as rounds (docs/rounds.md): rounds/<index>-<side>/histograms.json and
rounds.json. LiveControl writes the figures so far (progress.json, every DL_PROGRESS_SECONDS, default 5) that the local backend reads and the
container uploads, for progress lines and abort rules judged in TypeScript; and its one greenlet
polls the command channel: control/abort.json in the results folder (written by the local
backend, or synced from S3 by the container) makes it call runner.quit(), as --run-time does, so
Locust still writes its CSVs; control/stop.json (local backend) does the same without an abort.

Self-contained on purpose (standard library, Locust imported late): the local backend loads this
file alone, without the rest of the package, and nothing here may import modules gevent must
patch before Locust does.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

HISTOGRAMS_FILE = 'histograms.json'
HISTOGRAMS_VERSION = 1
AGGREGATE_NAME = 'Aggregated'
# Live figures while the test runs (src/run/live-stats.ts reads them), and commands from outside.
PROGRESS_FILE = 'progress.json'
PROGRESS_VERSION = 1
ABORT_COMMAND = ('control', 'abort.json')
# The local backend's "stop now, normally" (its run time is over, or the run is cancelled): Locust
# 2.12 has no SIGTERM handler while a load shape runs or while it waits for workers.
STOP_COMMAND = ('control', 'stop.json')
DEFAULT_PROGRESS_SECONDS = 5.0
COMMAND_POLL_SECONDS = 0.5
# The default percentiles; a locustfile may set locust.stats.PERCENTILES_TO_REPORT to others.
DEFAULT_PERCENTILES = (0.50, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0)


def response_times_json(response_times: Mapping[int, int]) -> dict[str, int]:
    """Locust's {rounded ms: count}, keys as JSON strings in ascending order, empty buckets left out."""
    return {str(ms): count for ms, count in sorted(response_times.items()) if count > 0}


def endpoint_json(entry: Any, counted: bool = False) -> dict[str, Any]:
    """One StatsEntry as histograms.json writes it; `counted` adds its request and failure counts."""
    document = {
        'method': entry.method or '',
        'name': entry.name,
        'responseTimes': response_times_json(entry.response_times),
    }
    if counted:
        document.update(numRequests=entry.num_requests, numFailures=entry.num_failures)
    return document


def histograms_document(
    entries: Iterable[Any], total: Any, locust_version: Optional[str], written_at: datetime, counted: bool = False
) -> dict[str, Any]:
    """histograms.json from the master's StatsEntry objects (already merged across workers).

    Endpoints come in Locust's own order for its tables (name, then method). A round's document
    is `counted`: each endpoint also carries its request and failure counts, and endpoints the
    round never called (kept by Locust's stats reset after the warm-up) are left out."""
    ordered = sorted(entries, key=lambda entry: (entry.name, entry.method or ''))
    if counted:
        ordered = [entry for entry in ordered if entry.num_requests or entry.num_failures]
    aggregate = endpoint_json(total, counted)
    aggregate.update(method='', name=AGGREGATE_NAME)
    return {
        'version': HISTOGRAMS_VERSION,
        'locustVersion': locust_version or None,
        'writtenAt': utc_text(written_at),
        'endpoints': [endpoint_json(entry, counted) for entry in ordered],
        'aggregate': aggregate,
    }


def say(line: str) -> None:
    print(f'[distributed-locust] {line}', file=sys.stderr, flush=True)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def write_json_atomically(path: Path, document: Mapping[str, Any]) -> None:
    """Writes `path` whole or not at all: a reader never sees half a file, even if we are killed."""
    partial = path.with_name(f'.{path.name}.partial')
    partial.write_text(json.dumps(document, indent=1) + '\n', encoding='utf-8')
    os.replace(partial, path)


def results_dir_of(parsed_options: Any) -> Optional[Path]:
    """Where the run's results go: the folder of Locust's --csv prefix; None without --csv."""
    prefix = getattr(parsed_options, 'csv_prefix', None)
    return Path(prefix).parent if prefix else None


class MasterControl:
    """Our listeners on one Locust master's Environment."""

    def __init__(
        self, environment: Any, results_dir: Path, locust_version: Optional[str], now: Callable[[], datetime]
    ) -> None:
        self.environment = environment
        self.results_dir = results_dir
        self.locust_version = locust_version
        self.now = now

    def write_histograms(self) -> None:
        stats = self.environment.stats
        document = histograms_document(stats.entries.values(), stats.total, self.locust_version, self.now())
        write_json_atomically(self.results_dir / HISTOGRAMS_FILE, document)

    def on_stop(self, **_kwargs: Any) -> None:
        # Never let our bookkeeping break the user's run: say what failed and carry on.
        try:
            self.write_histograms()
        except Exception as error:  # noqa: BLE001
            say(f'could not write {HISTOGRAMS_FILE}: {error}')

    def attach(self, events: Any) -> None:
        # test_stop: also a round's end; quitting: also when Locust is interrupted before a test_stop,
        # with the workers' last reports that came in meanwhile.
        events.test_stop.add_listener(self.on_stop)
        events.quitting.add_listener(self.on_stop)


ROUNDS_ENV = 'DL_ROUNDS'
ROUNDS_FILE = 'rounds.json'
ROUNDS_VERSION = 1
SIDES = ('candidate', 'baseline')
DESIGNS = ('repeated', 'interleaved', 'duet')
# Bounded waits of the round driver: workers ready again after a round; the duet's other master.
WORKERS_READY_SECONDS = 60
PARTNER_WAIT_SECONDS = 180
POLL_SECONDS = 0.05
# Locust's CSV writer rewrites the totals once a second: the pooled ones must be written before quitting.
CSV_WRITE_SECONDS = 1.5
_URL_USERINFO = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*://)[^@/?#\s]*@')


def rounds_plan(text: str) -> dict[str, Any]:
    """The rounds settings (DL_ROUNDS, JSON) checked; raises ValueError naming what is wrong.

    {"design": "interleaved", "rounds": 3, "warmupSeconds": 10, "roundSeconds": 30, "seed": 1234,
     "hosts": {"candidate": URL (default: the master's -H), "baseline": URL}, "side": this master's side (duet),
     "roundsDir": where round folders go (default: the results folder), "syncDir": where a duet's
     masters leave their meeting files, "meetSeconds": the duet's margin before each round (default 0),
     "partnerResults": on AWS, the other master's S3 results prefix (the entrypoint sets syncDir then)}"""
    plan = json.loads(text)
    if plan.get('design') not in DESIGNS:
        raise ValueError(f'design must be one of {", ".join(DESIGNS)}')
    for key, least in (('rounds', 1), ('warmupSeconds', 0), ('roundSeconds', 1)):
        if not isinstance(plan.get(key), (int, float)) or plan[key] < least:
            raise ValueError(f'{key} must be a number of at least {least}')
    # The candidate's host may come from the master's own -H (on AWS it is staged apart: it may carry credentials).
    if (plan['design'] == 'interleaved' or plan.get('side') == 'baseline') and not plan.get('hosts', {}).get('baseline'):
        raise ValueError('hosts must give baseline')
    if plan['design'] == 'duet' and (plan.get('side') not in SIDES or not plan.get('syncDir')):
        raise ValueError('a duet needs side (candidate or baseline) and syncDir')
    return plan


def other_side(side: str) -> str:
    return SIDES[1] if side == SIDES[0] else SIDES[0]


def meeting_file(index: int, side: str) -> str:
    """The file a duet's master leaves when it is ready for round `index`: `<index>-<side>.json`."""
    return f'{index}-{side}.json'


def read_ready_at(path: Path) -> Optional[float]:
    """When the master that left the meeting file `path` was ready (Unix seconds); None while there is none."""
    try:
        return float(json.loads(path.read_text(encoding='utf-8'))['readyAt'])
    except FileNotFoundError:
        return None


def round_schedule(plan: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(index, side) of every round in running order: interleaved rounds run both sides, in an
    order drawn per index from the seed; a repeated run or one master of a duet runs one side."""
    indexes = range(1, int(plan['rounds']) + 1)
    if plan['design'] != 'interleaved':
        side = plan.get('side', 'candidate')
        return [(index, side) for index in indexes]
    draw = random.Random(plan.get('seed', 0))
    return [(index, side) for index in indexes for side in draw.sample(SIDES, 2)]


def round_order(plan: Mapping[str, Any]) -> str:
    if plan['design'] == 'interleaved':
        return f'seeded random, seed {plan.get("seed", 0)}'
    return 'both sides at once' if plan['design'] == 'duet' else 'one side'


def iso_ms(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')


class RoundDriver:
    """Runs the test as rounds inside the master, the workers staying up between them.

    It takes the place of the runner's first start (main()'s automatic one, after the workers
    are ready): each round sets the host (sent to the workers with the spawn message; users are
    started anew per round, since an HttpUser builds its client from the host it starts with),
    starts the users, resets the stats after the warm-up, measures for the round's time, stops
    the users and writes the round's histograms. A duet's masters meet before each round through
    files in syncDir, so both sides of one index share a window. At the end, the stats hold this
    master's side pooled over its measured windows (for the usual CSVs and report), then it quits.
    """

    def __init__(
        self, environment: Any, plan: Mapping[str, Any], results_dir: Path, version: Optional[str], now: Callable[[], datetime]
    ) -> None:
        self.environment = environment
        self.plan = plan
        self.results_dir = results_dir
        self.rounds_dir = Path(plan.get('roundsDir') or results_dir)
        self.version = version
        self.now = now
        self.records: list[dict[str, Any]] = []
        self.running: Optional[dict[str, Any]] = None
        self.measuring = False
        self.pooled: Any = None
        self.pooled_seconds = 0.0
        self.pooled_side = plan.get('side', 'candidate')
        self.hosts: dict[str, Optional[str]] = {}

    def take_over(self) -> None:
        given = self.plan.get('hosts', {})
        self.hosts = {'candidate': given.get('candidate') or self.environment.host, 'baseline': given.get('baseline')}
        self.environment.runner.start = self.drive
        self.environment.events.quitting.add_listener(self.on_quitting)

    def drive(self, user_count: int, spawn_rate: float, *_args: Any, **_kwargs: Any) -> None:
        import gevent

        runner = self.environment.runner
        del runner.start  # the runner's own start again
        try:
            for index, side in round_schedule(self.plan):
                if not self.run_round(index, side, user_count, spawn_rate):
                    break
            # The report (written after the run) describes this master's side, as its stats do.
            self.environment.host = self.hosts[self.pooled_side]
            self.restore_pooled_stats()
            gevent.sleep(CSV_WRITE_SECONDS)
        except Exception as error:  # noqa: BLE001 - never leave a master without a run time running
            say(f'the rounds stopped: {type(error).__name__}: {error}')
        finally:
            runner.quit()

    def run_round(self, index: int, side: str, user_count: int, spawn_rate: float) -> bool:
        import gevent

        runner, stats = self.environment.runner, self.environment.stats
        self.wait_for_workers()
        if self.plan['design'] == 'duet' and self.meet_partner(index) is None:
            return False
        host = self.hosts[side] or ''
        self.environment.host = host
        began = time.monotonic()
        warmup, seconds = float(self.plan['warmupSeconds']), float(self.plan['roundSeconds'])
        record = {'index': index, 'side': side, 'host': _URL_USERINFO.sub(r'\1***@', host),
                  'startedAt': iso_ms(self.now() + timedelta(seconds=warmup)), 'endedAt': None,
                  'folder': f'rounds/{index}-{side}', 'complete': False}
        self.running = record
        self.records.append(record)
        runner.start(user_count, spawn_rate)  # clears the stats: a new test to Locust
        gevent.sleep(max(0.0, began + warmup - time.monotonic()))
        if warmup > 0:
            stats.reset_all()
        record['startedAt'] = iso_ms(self.now())
        self.measuring = True
        self.write_rounds()
        window = time.monotonic()
        gevent.sleep(max(0.0, window + seconds - time.monotonic()))
        record['endedAt'] = iso_ms(self.now())
        measured = time.monotonic() - window
        runner.stop()
        # A worker sends its last stats before it reports as ready again: the round is all in then.
        self.wait_for_workers()
        self.measuring = False
        self.write_round_histograms(record)
        if side == self.pooled_side:
            self.pool(measured)
        record['complete'] = True
        self.running = None
        self.write_rounds()
        return True

    def wait_for_workers(self) -> None:
        """After a round, the workers report ready again before the next one can start."""
        import gevent

        runner = self.environment.runner
        expected = getattr(self.environment.parsed_options, 'expect_workers', 1) or 1
        limit = time.monotonic() + WORKERS_READY_SECONDS
        while len(runner.clients.ready) < expected and time.monotonic() < limit:
            gevent.sleep(POLL_SECONDS)

    def meet_partner(self, index: int) -> Optional[float]:
        """Both masters of a duet start round `index` at one agreed moment; returns it (Unix seconds),
        None when the other master did not come.

        Each leaves a meeting file saying when it was ready and waits for the other's; both then
        start at the later of the two moments plus the plan's meetSeconds. That margin covers how
        long a file takes to reach the other master (0 on one machine; on AWS the files travel
        through S3, see storage.DuetMeeting), so neither starts on seeing the other's file late:
        both windows start together, as far as the two clocks agree."""
        import gevent

        folder = Path(self.plan['syncDir'])
        folder.mkdir(parents=True, exist_ok=True)
        side = self.plan['side']
        ready = time.time()
        write_json_atomically(folder / meeting_file(index, side), {'readyAt': ready})
        other = folder / meeting_file(index, other_side(side))
        limit = time.monotonic() + PARTNER_WAIT_SECONDS
        while (theirs := read_ready_at(other)) is None:
            if time.monotonic() > limit:
                say(f'the other master of the duet did not reach round {index} within {PARTNER_WAIT_SECONDS} s: stopping')
                return None
            gevent.sleep(POLL_SECONDS)
        start = max(ready, theirs) + float(self.plan.get('meetSeconds', 0))
        gevent.sleep(max(0.0, start - time.time()))
        return start

    def pool(self, seconds: float) -> None:
        """Adds the round just measured to this master's side, pooled (copies: the next round clears the stats)."""
        from locust.stats import RequestStats

        stats = self.environment.stats
        self.pooled = self.pooled or RequestStats()
        merge_stats(self.pooled, stats)
        self.pooled_seconds += seconds

    def restore_pooled_stats(self) -> None:
        """The whole run's CSVs, report and histograms.json describe this master's side, over its measured windows."""
        if self.pooled is None:
            return
        stats = self.environment.stats
        stats.clear_all()
        merge_stats(stats, self.pooled)
        # Rates over the measured time, not over the whole run with the other side's rounds in it.
        for entry in [*stats.entries.values(), stats.total]:
            if entry.last_request_timestamp:
                entry.start_time = entry.last_request_timestamp - self.pooled_seconds

    def write_round_histograms(self, record: Mapping[str, Any]) -> None:
        stats = self.environment.stats
        document = histograms_document(stats.entries.values(), stats.total, self.version, self.now(), counted=True)
        folder = self.rounds_dir / record['folder']
        folder.mkdir(parents=True, exist_ok=True)
        write_json_atomically(folder / HISTOGRAMS_FILE, document)

    def write_rounds(self) -> None:
        plan = self.plan
        write_json_atomically(self.results_dir / ROUNDS_FILE, {
            'version': ROUNDS_VERSION, 'design': plan['design'], 'warmupSeconds': plan['warmupSeconds'],
            'roundSeconds': plan['roundSeconds'], 'order': round_order(plan), 'rounds': self.records})

    def on_quitting(self, **_kwargs: Any) -> None:
        """Also when Locust is stopped mid-round: the running round is kept, listed as incomplete."""
        try:
            if self.running is not None:
                self.running['endedAt'] = iso_ms(self.now())
                if self.measuring:
                    self.write_round_histograms(self.running)
            self.write_rounds()
        except Exception as error:  # noqa: BLE001
            say(f'could not write {ROUNDS_FILE}: {error}')


def merge_stats(into: Any, source: Any) -> None:
    """Adds Locust's RequestStats `source` (entries, total, errors) to `into`."""
    for entry in source.entries.values():
        into.get(entry.name, entry.method).extend(entry)
    into.total.extend(source.total)
    for key, error in source.errors.items():
        if key in into.errors:
            into.errors[key].occurrences += error.occurrences
        else:
            into.errors[key] = copy.copy(error)


def percentile_key(fraction: float) -> str:
    """A percentile as Locust labels its CSV column, without the "%": 0.95 → "95", 0.999 → "99.9"."""
    percent = fraction * 100
    return str(int(percent)) if float(percent).is_integer() else str(round(percent, 6))


def entry_figures(entry: Any, percentiles: Iterable[float]) -> dict[str, Any]:
    """One StatsEntry's figures so far, as the stats CSV has them (its rates over the test so far)."""
    requests = entry.num_requests
    measured = requests > 0
    return {
        'method': entry.method or '',
        'name': entry.name,
        'numRequests': requests,
        'numFailures': entry.num_failures,
        'minMs': entry.min_response_time if measured else None,
        'maxMs': entry.max_response_time if measured else None,
        'avgMs': entry.avg_response_time if measured else None,
        'medianMs': entry.median_response_time if measured else None,
        'avgContentLength': entry.avg_content_length if measured else None,
        'rps': entry.total_rps,
        'failRps': entry.total_fail_per_sec,
        'currentRps': entry.current_rps,
        'percentiles': {
            percentile_key(p): (int(entry.get_response_time_percentile(p) or 0) if measured else None)
            for p in percentiles
        },
    }


def progress_document(
    runner: Any,
    stats: Any,
    percentiles: Iterable[float],
    locust_version: Optional[str],
    written_at: datetime,
    test_started_at: Optional[datetime],
    abort_reason: Optional[str],
) -> dict[str, Any]:
    """progress.json: the run so far, with every figure a threshold rule reads (docs/live.md)."""
    percentiles = list(percentiles)
    total = stats.total
    aggregate = entry_figures(total, percentiles)
    aggregate.update(method='', name=AGGREGATE_NAME)
    ordered = sorted(stats.entries.values(), key=lambda entry: (entry.name, entry.method or ''))
    return {
        'version': PROGRESS_VERSION,
        'locustVersion': locust_version or None,
        'writtenAt': utc_text(written_at),
        'state': str(getattr(runner, 'state', '') or ''),
        'testStartedAt': utc_text(test_started_at) if test_started_at else None,
        'elapsedSeconds': (
            round((written_at - test_started_at).total_seconds(), 1) if test_started_at else None
        ),
        'users': runner.user_count,
        'workersConnected': runner.worker_count,
        'abortRequested': abort_reason,
        'endpoints': [entry_figures(entry, percentiles) for entry in ordered],
        'aggregate': aggregate,
    }


def read_command(path: Path, unnamed: str) -> Optional[str]:
    """The reason of a command file (control/abort.json, control/stop.json), None while there is none.

    A file that is not a JSON object with a text `reason` still counts: someone asked for it."""
    try:
        text = path.read_text(encoding='utf-8')
    except FileNotFoundError:
        return None
    try:
        reason = json.loads(text).get('reason')
    except (ValueError, AttributeError):
        reason = None
    return reason if isinstance(reason, str) and reason.strip() else unnamed


def seconds_from_env(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    """A number of seconds from the environment, kept between `low` and `high`; `default` if unset or not a number."""
    try:
        seconds = float(env.get(name, default))
    except ValueError:
        return default
    return min(high, max(low, seconds)) if seconds == seconds else default


def progress_interval(env: Mapping[str, str]) -> float:
    """Seconds between two progress.json writes: DL_PROGRESS_SECONDS (1 to 60), else 5."""
    return seconds_from_env(env, 'DL_PROGRESS_SECONDS', DEFAULT_PROGRESS_SECONDS, 1.0, 60.0)


class LiveControl:
    """progress.json every few seconds, and the abort command read from the control/ folder.

    One greenlet (start()) writes the figures and polls for the command until Locust quits; the
    abort calls runner.quit(), as Locust's --run-time does, so Locust still writes its CSVs."""

    def __init__(
        self,
        environment: Any,
        results_dir: Path,
        locust_version: Optional[str],
        now: Callable[[], datetime],
        interval: float,
    ) -> None:
        self.environment = environment
        self.results_dir = results_dir
        self.locust_version = locust_version
        self.now = now
        self.interval = interval
        self.test_started_at: Optional[datetime] = None
        self.abort_reason: Optional[str] = None
        self.stop_reason: Optional[str] = None
        self.finished = False

    def percentiles(self) -> list[float]:
        import locust.stats

        return list(getattr(locust.stats, 'PERCENTILES_TO_REPORT', DEFAULT_PERCENTILES))

    def write_progress(self) -> None:
        document = progress_document(
            self.environment.runner,
            self.environment.stats,
            self.percentiles(),
            self.locust_version,
            self.now(),
            self.test_started_at,
            self.abort_reason,
        )
        write_json_atomically(self.results_dir / PROGRESS_FILE, document)

    def check_commands(self) -> None:
        if self.abort_reason is not None or self.stop_reason is not None:
            return
        reason = read_command(self.results_dir.joinpath(*ABORT_COMMAND), 'an abort command without a reason')
        if reason is not None:
            self.abort_reason = reason
            say(f'abort requested ({reason}): stopping the test')
            self.guarded(self.write_progress, PROGRESS_FILE)
        else:
            self.stop_reason = read_command(self.results_dir.joinpath(*STOP_COMMAND), 'a stop command')
            if self.stop_reason is None:
                return
            say(f'stop requested ({self.stop_reason})')
        self.environment.runner.quit()

    def guarded(self, action: Callable[[], None], what: str) -> None:
        # Never let our bookkeeping break the user's run: say what failed and carry on.
        try:
            action()
        except Exception as error:  # noqa: BLE001
            say(f'could not handle {what}: {error}')

    def loop(self, sleep: Callable[[float], None], clock: Callable[[], float] = time.monotonic) -> None:
        """Until Locust quits: progress every `interval`, commands every COMMAND_POLL_SECONDS."""
        next_write = clock()
        while not self.finished:
            if clock() >= next_write:
                self.guarded(self.write_progress, PROGRESS_FILE)
                next_write = clock() + self.interval
            self.guarded(self.check_commands, 'the control/ commands')
            sleep(COMMAND_POLL_SECONDS)

    def on_test_start(self, **_kwargs: Any) -> None:
        self.test_started_at = self.now()

    def on_quitting(self, **_kwargs: Any) -> None:
        self.finished = True
        self.guarded(self.write_progress, PROGRESS_FILE)

    def attach(self, events: Any) -> None:
        events.test_start.add_listener(self.on_test_start)
        events.quitting.add_listener(self.on_quitting)

    def start(self) -> None:
        import gevent

        gevent.spawn(self.loop, gevent.sleep)


def on_init(environment: Any, **_kwargs: Any) -> None:
    """Attaches the control to the master (workers and standalone runs keep plain Locust)."""
    from locust.runners import MasterRunner

    if not isinstance(environment.runner, MasterRunner):
        return
    results_dir = results_dir_of(environment.parsed_options)
    if results_dir is None:
        return
    import locust

    version = getattr(locust, '__version__', None)
    now = lambda: datetime.now(timezone.utc)  # noqa: E731
    MasterControl(environment, results_dir, version, now).attach(environment.events)
    live = LiveControl(environment, results_dir, version, now, progress_interval(os.environ))
    live.attach(environment.events)
    live.start()
    if os.environ.get(ROUNDS_ENV):
        RoundDriver(environment, rounds_plan(os.environ[ROUNDS_ENV]), results_dir, version, now).take_over()


def install() -> None:
    """Registers the control with Locust's global events; call before Locust's main()."""
    import locust  # patches the standard library with gevent, first, as the locust command does

    locust.events.init.add_listener(on_init)


def main() -> None:
    install()
    from locust.main import main as locust_main

    sys.argv[0] = 'locust'
    sys.exit(locust_main())


if __name__ == '__main__':
    main()
