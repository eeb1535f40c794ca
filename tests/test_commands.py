"""The README's run command, as a new user runs it.

These tests start ``scripts/run.sh`` in a subprocess with its own database and port, the
way the README says, and talk to the server it starts over HTTP.
"""

import json
import os
import socket
import subprocess
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ["bash", str(ROOT / "scripts" / "run.sh")]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _json_rpc(opener, url, params):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with opener.open(request, timeout=60) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def served_demo():
    """Command 1 run twice on a new database: first to create it, then to serve it."""
    db = f"idesk_cmd_{uuid.uuid4().hex[:8]}"
    port = _free_port()
    env = dict(os.environ, IDESK_DB=db)
    first_start = time.monotonic()
    first = subprocess.run(
        [*RUN, "--no-serve"], env=env, capture_output=True, text=True, timeout=1800
    )
    first_seconds = time.monotonic() - first_start
    server = None
    try:
        assert first.returncode == 0, first.stderr[-3000:]
        second_start = time.monotonic()
        server = subprocess.Popen(
            [*RUN, "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{url}/web/login", timeout=5) as response:
                    login_page = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, "the run command stopped before serving"
                assert time.monotonic() < deadline, "the login page did not come up"
                time.sleep(1)
        yield {
            "db": db,
            "url": url,
            "login_page": login_page,
            "first": first,
            "first_seconds": first_seconds,
            "second_seconds": time.monotonic() - second_start,
        }
    finally:
        if server:
            server.terminate()
            output = server.communicate(timeout=60)[0]
            print(output[-2000:])
        subprocess.run(["dropdb", "--if-exists", db], check=False)
        subprocess.run(
            [
                "rm",
                "-rf",
                str(ROOT / "var" / "data" / "filestore" / db),
                str(ROOT / "var" / f"{db}.addons-stamp"),
            ],
            check=False,
        )


def test_user_run_command_serves_login_page(served_demo):
    assert 'name="login"' in served_demo["login_page"]
    print(
        f"run command: first run {served_demo['first_seconds']:.0f} s, "
        f"second run to login page {served_demo['second_seconds']:.0f} s"
    )


def test_clerk_run_command_demo_clerk_sees_idesk_menu(served_demo):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar())
    )
    auth = _json_rpc(
        opener,
        f"{served_demo['url']}/web/session/authenticate",
        {"db": served_demo["db"], "login": "vanthu", "password": "vanthu"},
    )
    assert auth.get("result", {}).get("uid"), auth
    assert auth["result"]["user_context"]["lang"] == "vi_VN"
    with opener.open(
        f"{served_demo['url']}/web/webclient/load_menus/1", timeout=60
    ) as response:
        menus = json.load(response)
    app_names = {menus[str(app_id)]["name"] for app_id in menus["root"]["children"]}
    assert "iDESK" in app_names, app_names


def test_user_run_command_second_run_does_not_reinstall(served_demo):
    assert "creating database" in served_demo["first"].stderr
    env = dict(os.environ, IDESK_DB=served_demo["db"])
    again = subprocess.run(
        [*RUN, "--no-serve"], env=env, capture_output=True, text=True, timeout=600
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "creating database" not in again.stderr
    assert "upgrading" not in again.stderr


def test_user_run_command_without_odoo_names_three_ways(tmp_path):
    env = dict(
        os.environ,
        IDESK_CACHE_DIR=str(tmp_path / "cache"),
        IDESK_ODOO_URL="http://127.0.0.1:9/odoo_18.0.latest.tar.gz",
        IDESK_DB=f"idesk_never_{uuid.uuid4().hex[:8]}",
    )
    env.pop("ODOO_SOURCE", None)
    result = subprocess.run(
        [*RUN, "--no-serve"], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 2
    assert "--odoo /path/to/odoo-18.0" in result.stderr
    assert str(tmp_path / "cache" / "odoo-18.0") in result.stderr
    assert "download" in result.stderr
    assert not (tmp_path / "cache" / "odoo-18.0").exists()


def test_user_run_command_rejects_a_path_that_is_not_odoo(tmp_path):
    result = subprocess.run(
        [*RUN, "--no-serve", "--odoo", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 2
    assert "is not an Odoo 18.0 source tree" in result.stderr
