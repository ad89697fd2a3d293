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
interrupted run keeps one too. Later features attach to MasterControl, which holds the master's
Environment: round boundaries and stats resets (environment.runner / environment.stats), live
interim stats and a heartbeat for dead-master detection (files beside histograms.json, written
with write_json_atomically, that the local backend reads and the container uploads), abort rules
(listeners on request events that call runner.quit()). Commands from outside come through one
greenlet started in attach() when the first of them needs it.

Self-contained on purpose (standard library, Locust imported late): the local backend loads this
file alone, without the rest of the package, and nothing here may import modules gevent must
patch before Locust does.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

HISTOGRAMS_FILE = 'histograms.json'
HISTOGRAMS_VERSION = 1
AGGREGATE_NAME = 'Aggregated'


def response_times_json(response_times: Mapping[int, int]) -> dict[str, int]:
    """Locust's {rounded ms: count}, keys as JSON strings in ascending order, empty buckets left out."""
    return {str(ms): count for ms, count in sorted(response_times.items()) if count > 0}


def endpoint_json(entry: Any) -> dict[str, Any]:
    """One StatsEntry as histograms.json writes it."""
    return {
        'method': entry.method or '',
        'name': entry.name,
        'responseTimes': response_times_json(entry.response_times),
    }


def histograms_document(
    entries: Iterable[Any], total: Any, locust_version: Optional[str], written_at: datetime
) -> dict[str, Any]:
    """histograms.json from the master's StatsEntry objects (already merged across workers).

    Endpoints come in Locust's own order for its tables (name, then method)."""
    ordered = sorted(entries, key=lambda entry: (entry.name, entry.method or ''))
    aggregate = endpoint_json(total)
    aggregate.update(method='', name=AGGREGATE_NAME)
    return {
        'version': HISTOGRAMS_VERSION,
        'locustVersion': locust_version or None,
        'writtenAt': written_at.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'endpoints': [endpoint_json(entry) for entry in ordered],
        'aggregate': aggregate,
    }


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
            print(f'[distributed-locust] could not write {HISTOGRAMS_FILE}: {error}', file=sys.stderr, flush=True)

    def attach(self, events: Any) -> None:
        # test_stop: the workers' last reports are in (the master waits for them to stop).
        # quitting: also when Locust is interrupted before or without a test_stop.
        events.test_stop.add_listener(self.on_stop)
        events.quitting.add_listener(self.on_stop)


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
    MasterControl(environment, results_dir, version, lambda: datetime.now(timezone.utc)).attach(environment.events)


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
