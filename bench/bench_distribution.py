"""Benchmark of idesk_distribution (issue 5, closing note numbers).

1. Distribute one document to all 27 agencies of the demo town plus 50
   persons (server time of the direction, notifications included).
2. The daily reminder job over N open assignments (time and Python peak
   memory), for N = 10,000 and 100,000: constant memory means the peak
   does not grow with N.

Everything runs in one transaction that is rolled back: the database is
left as it was. Usage:

    .venv/bin/python bench/bench_distribution.py -c var/dev.conf -d idesk_dist_dev
"""

import argparse
import time
import tracemalloc

import odoo
from odoo import SUPERUSER_ID, api, fields


def bench_distribution(env):
    ref = env.ref
    ubnd, vp = ref("idesk_security.agency_ubnd"), ref("idesk_security.agency_vp")
    leader, clerk = (
        ref("idesk_security.user_chanhvp"),
        ref("idesk_security.user_vanthu_vp"),
    )
    officer_group = ref("idesk_security.group_idesk_officer")
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"Bench officer {i:02d}",
                    "login": f"bench_officer_{i:02d}",
                    "email": f"bench{i:02d}@example.org",
                    "agency_id": vp.id,
                    "groups_id": [(6, 0, officer_group.ids)],
                }
                for i in range(50)
            ]
        )
    )
    document = (
        env["idesk.document"]
        .with_user(clerk)
        .create(
            {
                "direction": "incoming",
                "agency_id": vp.id,
                "issuing_body_name": "UBND tỉnh Bình Định",
                "origin_number_symbol": "777/KH-UBND",
                "type_id": ref("idesk_registry.type_kh").id,
                "summary": "Kế hoạch gửi toàn thị xã (benchmark)",
                "urgency_id": ref("idesk_registry.urgency_normal").id,
                "document_date": fields.Date.context_today(env.user),
                "arrival_datetime": fields.Datetime.now(),
            }
        )
    )
    document.action_register()
    agencies = env["idesk.agency"].search([("id", "!=", ubnd.id)])
    deadline = vp._add_working_days(fields.Date.context_today(env.user), 5)
    lines = [{"role": "lead", "agency_id": agencies[0].id, "deadline": deadline}]
    lines += [
        {"role": "cooperate", "agency_id": a.id, "deadline": deadline}
        for a in agencies[1:]
    ]
    lines += [{"role": "info", "user_id": u.id} for u in users]
    env.flush_all()
    start = time.perf_counter()
    document.with_user(leader)._do_direct(
        "Các đơn vị triển khai thực hiện.", leader, lines
    )
    env.flush_all()
    elapsed = time.perf_counter() - start
    print(
        f"distribution: 1 document -> {len(agencies)} agencies + {len(users)} persons "
        f"({len(document.assignment_ids)} assignments): {elapsed:.3f} s server time"
    )


def bench_reminders(env, count):
    cr = env.cr
    today = fields.Date.context_today(env.user)
    documents = env["idesk.document"].search(
        [("direction", "=", "incoming"), ("state", "=", "registered")], limit=100
    )
    users = env["res.users"].search(
        [("agency_id", "!=", False), ("share", "=", False)], limit=50
    )
    cr.execute(
        """
        INSERT INTO idesk_assignment (document_id, sender_agency_id, role, role_sequence, user_id,
                                      recipient_agency_id, deadline, state, done_late,
                                      create_uid, write_uid, create_date, write_date)
        SELECT d.id, d.agency_id, 'lead', 1, u.id, u.agency_id,
               %(today)s::date + ((n %% 61) - 30), 'in_progress', false,
               1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %(count)s) n
          JOIN LATERAL (SELECT id, agency_id FROM idesk_document WHERE id = (%(docs)s)[1 + n %% %(ndocs)s]) d ON true
          JOIN LATERAL (SELECT u.id, u.agency_id FROM res_users u
                         WHERE u.id = (%(users)s)[1 + n %% %(nusers)s]) u ON true
        """,
        {
            "today": today,
            "count": count,
            "docs": documents.ids,
            "ndocs": len(documents),
            "users": users.ids,
            "nusers": len(users),
        },
    )
    env.invalidate_all()
    tracemalloc.start()
    start = time.perf_counter()
    env["idesk.assignment"]._cron_send_reminders()
    env.flush_all()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cr.execute(
        "SELECT count(*) FROM idesk_assignment WHERE reminded_before = %s OR reminded_after = %s",
        (today, today),
    )
    flagged = cr.fetchone()[0]
    start2 = time.perf_counter()
    env["idesk.assignment"]._cron_send_reminders()
    env.flush_all()
    again = time.perf_counter() - start2
    print(
        f"reminders: {count:,} open assignments, {flagged:,} reminded: {elapsed:.1f} s, "
        f"Python peak {peak / 1e6:.1f} MB (tracemalloc on); second run {again:.2f} s, nothing new"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", default="var/dev.conf")
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, SUPERUSER_ID, {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        )
        try:
            bench_distribution(env)
            for count in (10_000, 100_000):
                cr.execute("SAVEPOINT bench_reminders")
                bench_reminders(env, count)
                cr.execute("ROLLBACK TO SAVEPOINT bench_reminders")
                env.invalidate_all()
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
