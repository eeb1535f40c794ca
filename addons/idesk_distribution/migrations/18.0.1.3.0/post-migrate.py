"""18.0.1.3.0 (issue 16): the deadline of every open assignment that requires
action becomes a "To process" activity of the person who must act."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["idesk.assignment"].search(
        [
            ("state", "in", ("received", "read", "in_progress")),
            ("role", "in", ("lead", "cooperate")),
            ("deadline", "!=", False),
            ("activity_id", "=", False),
        ]
    )._activity_sync()
