"""18.0.1.2.0 (issue 13): the top menu follows the clerks' manuals (Theo dõi): the
renamed menus take their new Vietnamese names; demo data in Vietnamese: a database
whose demo was written before the demo spoke Vietnamese shows the leaders' activities
("Direct this incoming document") and the first processing states ("To direct") in
English."""

from odoo import SUPERUSER_ID, api

from odoo.addons.idesk_security.tools.upgrade import forget_menu_translations


def migrate(cr, version):
    forget_menu_translations(
        cr,
        "idesk_distribution",
        [
            "menu_idesk_distribution",
            "menu_idesk_assignment_received",
            "menu_idesk_assignment_sent",
        ],
    )
    _demo_in_vietnamese(cr)


def _demo_in_vietnamese(cr):
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
