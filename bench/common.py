"""Shared helpers of the scale benchmarks and long fault tests (bench/).

- ``free_port()``, ``psql()``, ``database_exists()``: plain PostgreSQL and socket helpers.
- ``Rpc``: a small JSON-RPC client (``/jsonrpc``, ``execute_kw``) over urllib, one
  instance per process or thread; raises ``RpcError`` with Odoo's message.
- ``OdooServer``: starts ``odoo-bin`` in multi-worker mode on a free loopback port
  against one database and stops it (context manager).
- ``odoo_env(db)``: a superuser environment in this process (for generators).
- ``timings_row()``: median / p95 / max / throughput of a list of durations.
"""

import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_DIR = os.environ.get("ODOO_DIR", "/root/.cache/idesk/odoo-18.0")
ODOO_BIN = os.path.join(ODOO_DIR, "odoo-bin")
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
CONFIG = os.environ.get("IDESK_BENCH_CONFIG", os.path.join(ROOT, "var", "dev.conf"))
ADDONS = "idesk_security,idesk_registry,idesk_distribution,idesk_reports"
# Password of every account the generator prepares for the benchmarks.
BENCH_PASSWORD = "idesk.scale.2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(db, sql, host="127.0.0.1", port=5432):
    """Run one SQL statement with psql; rows as lists of strings."""
    out = subprocess.run(
        ["psql", "-h", host, "-p", str(port), "-X", "-AtF", "\t", "-c", sql, db],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def database_exists(name, host="127.0.0.1", port=5432):
    rows = psql(
        "postgres",
        f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        host=host,
        port=port,
    )
    return bool(rows)


class RpcError(Exception):
    """An error answered by Odoo: ``name`` is the exception class (e.g.
    ``odoo.exceptions.AccessError``), ``message`` its text."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


class Rpc:
    """JSON-RPC client of Odoo's ``/jsonrpc`` endpoint (``execute_kw``). Also used
    by tests/test_hostile_api.py: keep this module importable without third-party
    packages."""

    def __init__(self, url, db, timeout=600):
        self.url, self.db, self.timeout = url, db, timeout
        self.uid = self.password = None
        self.opener = urllib.request.build_opener()

    def post(self, path, params):
        """One JSON-RPC request to ``path``: its result, or RpcError."""
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": random.randint(1, 10**9),
                "params": params,
            }
        ).encode()
        request = urllib.request.Request(
            f"{self.url}{path}", payload, {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=self.timeout) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            data = answer["error"].get("data") or {}
            raise RpcError(
                data.get("name", "error"),
                data.get("message") or answer["error"].get("message"),
            )
        return answer["result"]

    def call(self, service, method, *args):
        return self.post(
            "/jsonrpc", {"service": service, "method": method, "args": list(args)}
        )

    def login(self, login, password):
        self.uid = self.call("common", "login", self.db, login, password)
        if not self.uid:
            raise RpcError("login", f"login refused for {login}")
        self.password = password
        return self

    def __call__(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


class OdooServer:
    """``odoo-bin --workers=N`` on a free loopback port; ``with`` stops it."""

    def __init__(self, db, workers=4, log_name=None, extra=(), config=CONFIG, env=None):
        self.db, self.workers, self.extra, self.config = db, workers, extra, config
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(
            ROOT, "var", log_name or f"bench_{db}_{self.port}.log"
        )
        self.env = env
        self.process = None

    def start(self, timeout=180):
        log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                PYTHON,
                ODOO_BIN,
                "-c",
                self.config,
                "-d",
                self.db,
                "--db-filter",
                f"^{self.db}$",
                "--http-interface",
                "127.0.0.1",
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
                "--workers",
                str(self.workers),
                "--max-cron-threads",
                "0",
                "--limit-time-cpu",
                "900",
                "--limit-time-real",
                "1800",
                "--limit-memory-soft",
                str(2**31),
                "--limit-memory-hard",
                str(2**32),
                "--log-level",
                "warn",
                *self.extra,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(1)
        self.stop()
        raise RuntimeError(f"Odoo did not start; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def odoo_env(db, config=CONFIG, lang="vi_VN"):
    """(registry, cursor, env): superuser environment on ``db`` in this process."""
    if ODOO_DIR not in sys.path:
        sys.path.insert(0, ODOO_DIR)
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", config, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    env = api.Environment(
        cr,
        SUPERUSER_ID,
        {"lang": lang, "tz": "Asia/Ho_Chi_Minh", "tracking_disable": True},
    )
    return registry, cr, env


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def timings_row(label, seconds, elapsed=None):
    """A result row: label, count, median, p95, max (ms) and throughput (/s)."""
    return {
        "label": label,
        "count": len(seconds),
        "median_ms": statistics.median(seconds) * 1000 if seconds else float("nan"),
        "p95_ms": percentile(seconds, 0.95) * 1000,
        "max_ms": max(seconds) * 1000 if seconds else float("nan"),
        "per_s": (len(seconds) / elapsed) if elapsed else None,
    }


@contextlib.contextmanager
def stopwatch():
    result = {}
    start = time.perf_counter()
    try:
        yield result
    finally:
        result["seconds"] = time.perf_counter() - start


def wait_http(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.5)
    return False
