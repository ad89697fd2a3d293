"""The gate benchmark's load (bench/gate.bench.ts): three endpoints of examples/target-server.mjs.

One trivial, one CPU-bound (a few ms of real computation), one waiting on a 20 ms timer; the
target's --work-factor scales the last two, which is how the benchmark makes a regression.
"""
from locust import FastHttpUser, between, task


class GateUser(FastHttpUser):
    wait_time = between(0.05, 0.2)

    @task
    def trivial(self):
        self.client.get("/")

    @task
    def compute(self):
        self.client.get("/compute")

    @task
    def wait(self):
        self.client.get("/wait")
