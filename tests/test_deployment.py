"""The deployment files are valid and hold the production settings.

* ``docker-compose.yml`` validates against the Compose specification (the JSON
  schema shipped with check-jsonschema: no Docker engine runs in CI) and is
  coherent (variables documented in .env.example, healthchecks, volumes);
* ``Dockerfile`` extends the official ``odoo:18.0`` image as the README says;
* ``odoo.conf`` is read by Odoo's own configuration parser (in a subprocess, not
  to disturb the configuration of the running test session), its settings are
  the production ones, and a real Odoo started with it (only the machine paths
  and ports overridden) runs its prefork workers and keeps the databases hidden.

    .venv/bin/pytest -q tests/test_deployment.py
"""

import functools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPOSE = os.path.join(ROOT, "docker-compose.yml")
DOCKERFILE = os.path.join(ROOT, "Dockerfile")
ODOO_CONF = os.path.join(ROOT, "odoo.conf")
ENV_EXAMPLE = os.path.join(ROOT, ".env.example")
DEBIAN_PACKAGES = (
    "tesseract-ocr",
    "tesseract-ocr-vie",
    "fonts-liberation2",
    "fonts-dejavu-core",
    "poppler-utils",
    "libreoffice-writer-nogui",
)

# Read odoo.conf exactly as `odoo-bin -c odoo.conf` does, print the options.
PARSE_CONF = """
import json, sys
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]], setup_logging=False)
print(json.dumps({key: config[key] for key in json.loads(sys.argv[2])}, default=str))
"""
CONF_KEYS = [
    "addons_path", "data_dir", "logfile", "list_db", "proxy_mode", "dbfilter",
    "db_name", "db_maxconn", "db_password", "admin_passwd", "workers",
    "max_cron_threads", "limit_memory_soft", "limit_memory_hard", "limit_time_cpu",
    "limit_time_real", "limit_time_real_cron", "limit_request", "http_port",
    "gevent_port", "server_wide_modules",
]  # fmt: skip


def _compose():
    with open(COMPOSE, encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.cache
def _odoo_conf():
    result = subprocess.run(
        [sys.executable, "-c", PARSE_CONF, ODOO_CONF, json.dumps(CONF_KEYS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"Odoo cannot read odoo.conf:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_admin_validates_compose_file_against_compose_spec():
    result = subprocess.run(
        [
            sys.executable, "-m", "check_jsonschema",
            "--builtin-schema", "vendor.compose-spec", COMPOSE,
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_admin_validates_compose_spec_rejects_unknown_key(tmp_path):
    """The validator really validates: a misspelt key fails."""
    compose = _compose()
    compose["services"]["odoo"]["healtcheck"] = compose["services"]["odoo"][
        "healthcheck"
    ]
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(yaml.safe_dump(compose), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable, "-m", "check_jsonschema",
            "--builtin-schema", "vendor.compose-spec", str(broken),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "healtcheck" in result.stdout


def test_admin_reads_compose_services_volumes_and_env():
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"db", "odoo", "ldap"}
    assert services["db"]["image"] == "postgres:15"
    assert services["odoo"]["build"]["dockerfile"] == "Dockerfile"
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    # OpenLDAP only when asked for: docker compose --profile ldap up
    assert services["ldap"]["profiles"] == ["ldap"]
    assert "profiles" not in services["db"] and "profiles" not in services["odoo"]
    # named volumes for the database and the filestore (Odoo's data_dir)
    volumes = {
        volume.split(":")[1]: volume.split(":")[0]
        for service in services.values()
        for volume in service.get("volumes", [])
    }
    assert volumes["/var/lib/postgresql/data"] in compose["volumes"]
    assert volumes["/var/lib/odoo"] in compose["volumes"]
    # ports reachable from the reverse proxy on the host only
    for service in services.values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port
    # every ${VAR} is documented in .env.example, and no password is written inline
    with open(COMPOSE, encoding="utf-8") as f:
        used = set(re.findall(r"\$\{(\w+)", f.read()))
    with open(ENV_EXAMPLE, encoding="utf-8") as f:
        documented = set(re.findall(r"^(\w+)=", f.read(), re.MULTILINE))
    assert used <= documented, f"not in .env.example: {sorted(used - documented)}"
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${")
    assert services["odoo"]["environment"]["PASSWORD"].startswith("${")


def test_admin_builds_image_from_official_odoo_18_with_idesk_packages():
    with open(DOCKERFILE, encoding="utf-8") as f:
        dockerfile = f.read()
    assert re.search(r"^FROM odoo:18\.0$", dockerfile, re.MULTILINE)
    apt_install = re.search(r"apt-get install(?:[^\n]*\\\n)*[^\n]*", dockerfile)
    assert apt_install, "no apt-get install in the Dockerfile"
    for package in DEBIAN_PACKAGES:
        assert re.search(rf"\s{re.escape(package)}(\s|$)", apt_install.group(0)), (
            package
        )
    assert re.search(r"pip3? install .*-r \S*requirements\.txt", dockerfile)
    assert "COPY --chown=odoo:odoo odoo.conf /etc/odoo/odoo.conf" in dockerfile
    assert re.search(r"^COPY .*addons /opt/idesk/addons$", dockerfile, re.MULTILINE)
    assert re.search(r"^USER odoo$", dockerfile, re.MULTILINE), (
        "Odoo must not run as root"
    )


def test_admin_reads_odoo_conf_production_settings():
    conf = _odoo_conf()
    assert conf["list_db"] is False
    assert conf["proxy_mode"] is True
    assert conf["workers"] > 0
    assert conf["max_cron_threads"] >= 1
    assert conf["dbfilter"] and re.fullmatch(conf["dbfilter"], conf["db_name"])
    assert conf["limit_memory_soft"] < conf["limit_memory_hard"]
    assert 0 < conf["limit_time_cpu"] < conf["limit_time_real"]
    assert conf["limit_time_real_cron"] > 0
    assert conf["limit_request"] > 0
    # every Odoo process (HTTP workers, cron, gevent, master) stays within
    # PostgreSQL's default max_connections (100)
    processes = conf["workers"] + conf["max_cron_threads"] + 2
    assert processes * conf["db_maxconn"] <= 100
    assert conf["data_dir"] == "/var/lib/odoo"
    assert conf["logfile"], "production logs go to a file"
    # iDESK's addons where both the Docker image and a clone in /opt/idesk put them
    assert "/opt/idesk/addons" in conf["addons_path"].split(",")
    assert conf["gevent_port"] == 8072 and conf["http_port"] == 8069
    # no database password in the repository: the environment gives it
    assert conf["db_password"] in (False, None, "False")


def test_admin_reads_odoo_conf_master_password_is_a_hash():
    from odoo.tools.config import crypt_context

    conf = _odoo_conf()
    assert conf["admin_passwd"].startswith("$pbkdf2-sha512$")
    assert crypt_context.identify(conf["admin_passwd"]) == "pbkdf2_sha512"
    # the placeholder is not a well-known password
    for guess in ("admin", "odoo", "idesk"):
        assert not crypt_context.verify(guess, conf["admin_passwd"])


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, data=None):
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"} if data else {}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


def test_admin_starts_odoo_with_odoo_conf_workers_serve(tmp_path):
    """odoo-bin -c odoo.conf, as in production, on the test database.

    Overridden: what differs on this machine (addons and data paths, database
    connection, ports, interface) and the cron worker (not to run jobs in the
    test database while other tests use it).
    """
    import odoo

    test_conf = odoo.tools.config
    db = test_conf["db_name"]
    http_port, gevent_port = _free_port(), _free_port()
    log = tmp_path / "odoo.log"
    command = [
        sys.executable, "-m", "odoo", "server", "-c", ODOO_CONF,
        f"--addons-path={test_conf['addons_path']}",
        f"--data-dir={test_conf['data_dir']}",
        f"--logfile={log}",
        "-d", db, f"--db-filter=^{re.escape(db)}$",
        f"--http-port={http_port}", f"--gevent-port={gevent_port}",
        "--http-interface=127.0.0.1", "--max-cron-threads=0",
    ]  # fmt: skip
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if test_conf[key]:
            command.append(f"--{key}={test_conf[key]}")
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        health = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = _get(f"{base}/web/health")
                break
            except OSError:
                time.sleep(1)
        logged = log.read_text(encoding="utf-8") if log.exists() else ""
        assert health == (200, '{"status": "pass"}'), f"Odoo did not start:\n{logged}"
        workers = _odoo_conf()["workers"]
        deadline = time.monotonic() + 30
        while (
            logged.count("Worker WorkerHTTP") < workers and time.monotonic() < deadline
        ):
            time.sleep(1)
            logged = log.read_text(encoding="utf-8")
        assert logged.count("Worker WorkerHTTP") == workers, logged
        status, page = _get(f"{base}/web/login")
        assert status == 200 and 'name="login"' in page
        # list_db = False: the list of databases is refused
        _status, answer = _get(f"{base}/web/database/list", data=b'{"params": {}}')
        assert "AccessDenied" in answer
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
