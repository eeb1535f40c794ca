#!/usr/bin/env python3
"""Fault test: the LDAP server stops and comes back; logins recover by themselves.

    .venv/bin/python bench/faults/ldap_restart.py [--outage 12] [--attempts-during 3]

Starts a real OpenLDAP (idesk_security's test helper ``SlapdServer`` with its
``staff.ldif``) on a free loopback port, a copy of ``idesk_scale_base``
(``idesk_scale_ldapfault``) configured for it as in idesk_security's LDAP test, and
Odoo with ``--workers=2``. Then, over JSON-RPC:

1. the directory user ``ldap.lan`` logs in (account created from the directory);
2. slapd is stopped: ``ldap.lan``'s logins are refused (``--attempts-during`` tries,
   as a user would retry), the local account ``admin`` still logs in;
3. slapd is started again on the same port, Odoo is NOT restarted: ``ldap.lan``
   tries every 2 s until a login succeeds (at most 330 s, longer than Odoo's login
   cooldown of 300 s) and the recovery time is printed.

Exit status 0 when the directory user logs in again within 30 s of the restart.
The database and the directory are removed at the end.
"""

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from common import ROOT, OdooServer, Rpc, RpcError, database_exists, odoo_env  # noqa: E402


def _load_slapd_helper():
    """idesk_security's test helper, loaded by path (its folder has another common.py)."""
    import importlib.util

    path = os.path.join(ROOT, "addons", "idesk_security", "tests", "slapd_server.py")
    spec = importlib.util.spec_from_file_location("idesk_slapd_server", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


slapd_server = _load_slapd_helper()
SUFFIX, SlapdServer = slapd_server.SUFFIX, slapd_server.SlapdServer
SOURCE_DB = "idesk_scale_base"
DB = "idesk_scale_ldapfault"
LDIF = os.path.join(ROOT, "addons", "idesk_security", "tests", "data", "staff.ldif")


def configure(slapd):
    _registry, cr, env = odoo_env(DB)
    try:
        officer = env.ref("idesk_security.group_idesk_officer")
        slapd.connect(
            env,
            [
                {
                    "kind": "group",
                    "ldap_value": f"cn=chuyenvien,ou=groups,{SUFFIX}",
                    "group_id": officer.id,
                }
            ],
        )
        cr.commit()
    finally:
        cr.close()


def login(url, user, password):
    try:
        Rpc(url, DB, timeout=60).login(user, password)
        return True, None
    except (RpcError, OSError) as exc:
        return False, str(exc)[:120]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=12)
    parser.add_argument("--attempts-during", type=int, default=3)
    args = parser.parse_args()
    slapd = SlapdServer(LDIF)
    server = None
    try:
        slapd.start()
        if database_exists(DB):
            subprocess.run(["dropdb", "-h", "127.0.0.1", DB], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-T", SOURCE_DB, DB], check=True)
        configure(slapd)
        server = OdooServer(DB, workers=2, log_name="ldap_restart_odoo.log").start()
        ok, error = login(server.url, "ldap.lan", "Lan-secret-2026")
        print(f"1. directory up: ldap.lan logs in: {ok} {error or ''}")
        if not ok:
            return 1
        slapd.stop()
        refused = []
        for _i in range(args.attempts_during):
            refused.append(login(server.url, "ldap.lan", "Lan-secret-2026"))
            time.sleep(args.outage / max(1, args.attempts_during))
        local_ok, local_error = login(server.url, "admin", "admin")
        print(
            f"2. directory down: ldap.lan refused {sum(not r[0] for r in refused)}/{len(refused)} "
            f"({refused[-1][1] if refused else ''}); local admin logs in: {local_ok} {local_error or ''}"
        )
        slapd.start()
        back = time.time()
        recovered, tries, last_error = None, 0, None
        while time.time() - back < 330:
            tries += 1
            ok, last_error = login(server.url, "ldap.lan", "Lan-secret-2026")
            if ok:
                recovered = time.time() - back
                break
            time.sleep(2)
        if recovered is None:
            print(
                f"3. directory back: ldap.lan still refused after 330 s ({tries} tries): {last_error}"
            )
            return 1
        print(
            f"3. directory back (Odoo not restarted): ldap.lan logs in again after {recovered:.1f} s "
            f"({tries} tries)"
        )
        print(
            "RESULT: "
            + (
                "OK"
                if recovered <= 30 and all(not r[0] for r in refused) and local_ok
                else "PROBLEM"
            )
        )
        return 0 if recovered <= 30 and local_ok else 1
    finally:
        if server:
            server.stop()
        slapd.cleanup()
        if "odoo.sql_db" in sys.modules:
            sys.modules["odoo.sql_db"].close_all()
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", DB], check=False)
        subprocess.run(
            ["rm", "-rf", os.path.join(ROOT, "var", "data", "filestore", DB)],
            check=False,
        )


if __name__ == "__main__":
    sys.exit(main())
