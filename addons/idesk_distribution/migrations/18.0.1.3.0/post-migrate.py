"""18.0.1.3.0 (issue 16): the deadline of every open assignment that requires
action becomes a "To process" activity of the person who must act."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    if env["res.lang"].search_count([("code", "=", "vi_VN")]):
        # the activities' summaries (the role) are written in the town's language
        env = env(context={"lang": "vi_VN"})
    env["idesk.assignment"].search(
        [
            ("state", "in", ("received", "read", "in_progress")),
            ("role", "in", ("lead", "cooperate")),
            ("deadline", "!=", False),
            ("activity_id", "=", False),
        ]
    )._activity_sync()
