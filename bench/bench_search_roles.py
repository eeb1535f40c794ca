#!/usr/bin/env python3
"""Word searches by role, in-process (ORM + SQL, no HTTP), on a generated database.

    .venv/bin/python bench/bench_search_roles.py --db idesk_scale_1m [--runs 9]

What a user of each kind waits for in the database and the ORM when the list view
asks for a search (``web_search_read``: 80 rows, count up to the lists' 1,000): the
Office's clerk (his agency: 14 % of the town's documents, little shared with it), the
Office's leader (his agency and its units, and every information copy shared with him),
a department's clerk (documents shared with the department by the Office's direction)
and a ward's clerk. The HTTP round trip through Odoo comes on top (bench_scale.py
measures it: about 40 ms on a 2-vCPU machine).
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_scale import LIST_COUNT_LIMIT, LIST_SPEC, print_row, timed  # noqa: E402
from common import odoo_env, psql, timings_row  # noqa: E402

WORDS = ["ngheo", "thiên tai", "so tai chinh", "nhon hau"]


def users_of(db):
    """(label, login) of the users measured: the ``scale.*`` people of generate.py."""
    agencies = dict(
        psql(
            db,
            "SELECT name, res_id FROM ir_model_data WHERE module = 'idesk_security' "
            "AND name IN ('agency_vp', 'agency_tckh', 'agency_x_nhon_hau')",
        )
    )
    vp = agencies["agency_vp"]
    department, ward = agencies["agency_tckh"], agencies["agency_x_nhon_hau"]
    shares = psql(
        db,
        "SELECT u.login, count(r.*) FROM res_users u LEFT JOIN "
        "idesk_document_res_users_rel r ON r.res_users_id = u.id "
        f"WHERE u.login = 'scale.ld.{vp}' GROUP BY 1",
    )
    return [
        ("Office clerk", f"scale.vt.{vp}"),
        (f"Office leader ({shares[0][1]} shared with him)", f"scale.ld.{vp}"),
        ("finance department clerk", f"scale.vt.{department}"),
        ("ward clerk (Nhơn Hậu)", f"scale.vt.{ward}"),
    ]


def search(env, documents, domain):
    """The list view's search, with nothing cached from the previous run."""
    env.invalidate_all()
    return documents.web_search_read(
        domain, LIST_SPEC, limit=80, count_limit=LIST_COUNT_LIMIT + 1
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="idesk_scale_1m")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    users = users_of(args.db)
    _registry, cr, env = odoo_env(args.db)
    try:
        for label, login in users:
            user = env["res.users"].search([("login", "=", login)])
            documents = env["idesk.document"].with_user(user)
            for word in WORDS:
                domain = [("search_anything", "ilike", word)]
                found = search(env, documents, domain)["length"]
                print_row(
                    timings_row(
                        f"{label}: '{word}' ({found} found)",
                        timed(
                            lambda d=domain, m=documents: search(env, m, d), args.runs
                        ),
                    )
                )
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
