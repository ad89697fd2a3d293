"""Load in stages read from a JSON file, by users that post the rows of a test-data CSV.

Both data files sit beside this locustfile and are found relative to it, so they travel with it:
ship them with the `data` input (action) or `--data` (CLI), e.g.

    distributed-locust run -f examples/stages/locustfile.py \\
      --data examples/stages/stages.json --data examples/stages/rows.csv \\
      -H http://127.0.0.1:8080 -t 1m -w 2 --threshold "fail_ratio < 1%"

stages.json is a list of stages run one after the other, each lasting `duration` seconds at
`users` users, reached at `spawn_rate` users per second. A stage with 0 users ends the test, so
the run stops on its own before `run-time` (keep run-time longer than the stages as a safety net).
"""
import csv
import itertools
import json
from pathlib import Path

from locust import FastHttpUser, LoadTestShape, between, task

HERE = Path(__file__).resolve().parent


def load_stages(path):
    stages = json.loads(path.read_text(encoding="utf-8"))
    for number, stage in enumerate(stages, start=1):
        missing = {"users", "duration", "spawn_rate"} - stage.keys()
        if missing:
            raise ValueError(f"{path}: stage {number} lacks {', '.join(sorted(missing))}")
    return stages


def load_rows(path):
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    if not rows:
        raise ValueError(f"{path}: no data rows")
    return rows


STAGES = load_stages(HERE / "stages.json")
# One cycle shared by every user of this process: rows are posted in turn, over and over.
ROWS = itertools.cycle(load_rows(HERE / "rows.csv"))


class RowPoster(FastHttpUser):
    wait_time = between(0.05, 0.2)

    @task(3)
    def post_row(self):
        row = next(ROWS)
        payload = {
            "sku": row["sku"],
            "name": row["name"],
            "quantity": int(row["quantity"]),
            "unit_price": float(row["unit_price"]),
        }
        with self.client.post("/api/rows", json=payload, catch_response=True) as response:
            if response.status_code != 201:
                response.failure(f"expected 201 Created, got {response.status_code}")

    @task(1)
    def list_items(self):
        self.client.get("/api/items")


class StagesShape(LoadTestShape):
    """Follows STAGES; returning None (at a 0-user stage or after the last one) stops the test."""

    def tick(self):
        elapsed = self.get_run_time()
        stage_end = 0
        for stage in STAGES:
            stage_end += stage["duration"]
            if elapsed < stage_end:
                if stage["users"] == 0:
                    return None
                return stage["users"], stage["spawn_rate"]
        return None
