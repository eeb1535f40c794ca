"""18.0.1.2.0: the iDESK home (Trang chủ) becomes the home action of the staff
who already have an account (those created later get it from res_users_home.py);
the Configuration menu, which now holds the clerks' register books, is no longer
the network administrator's alone (its administration entries are)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    users = (
        env["res.users"].with_context(active_test=False).search([("share", "=", False)])
    )
    users._idesk_set_home_action()
    config = env.ref("idesk_security.menu_idesk_config")
    config.groups_id = [(3, env.ref("idesk_security.group_idesk_admin").id)]
