"""The container entrypoint of distributed-locust, by part; entrypoint.py runs it."""
