"""Test bundle: requests the paths listed in data/paths.txt, a data file staged with the bundle.

Locust runs in the bundle folder, so the relative path also checks the working directory."""
from pathlib import Path

from locust import FastHttpUser, between, task

PATHS = Path('data/paths.txt').read_text(encoding='utf-8').split()


class PathsUser(FastHttpUser):
    wait_time = between(0.01, 0.05)

    @task
    def visit(self) -> None:
        for path in PATHS:
            self.client.get(path)
