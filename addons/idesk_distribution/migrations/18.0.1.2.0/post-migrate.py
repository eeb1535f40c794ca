"""Demo data in Vietnamese (issue 13): a database whose demo was written before the
demo spoke Vietnamese shows the leaders' activities ("Direct this incoming
document") and the first processing states ("To direct") in English."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    if not env["res.lang"].search_count([("code", "=", "vi_VN")]):
        return
    vietnamese = env(context={"lang": "vi_VN"})
    activity_type = env.ref(
        "idesk_distribution.mail_activity_type_to_direct", raise_if_not_found=False
    )
    summary = activity_type.with_env(vietnamese).summary if activity_type else None
    if summary and summary != "Direct this incoming document":
        env["mail.activity"].search(
            [
                ("activity_type_id", "=", activity_type.id),
                ("summary", "=", "Direct this incoming document"),
            ]
        ).write({"summary": summary})
    vietnamese["idesk.document"]._idesk_translate_state_tracking()
