"""A plain Locust test for the bundled target server (examples/target-server.mjs).

    distributed-locust run -f examples/locustfile.py -H http://127.0.0.1:8080 -u 20 -r 10 -t 20s -w 2
"""
from locust import FastHttpUser, between, task


class Shopper(FastHttpUser):
    wait_time = between(0.05, 0.2)

    @task(5)
    def home(self):
        self.client.get("/")

    @task(5)
    def list_items(self):
        self.client.get("/api/items")

    @task(2)
    def flaky(self):
        self.client.get("/flaky")

    @task(1)
    def slow(self):
        self.client.get("/slow")
