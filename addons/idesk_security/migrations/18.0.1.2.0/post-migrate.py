"""18.0.1.2.0 (issue 13): the iDESK home (Trang chủ) becomes the home action of the
staff who already have an account (those created later get it from res_users_home.py);
the Configuration menu, which now holds the clerks' register books, is no longer the
network administrator's alone (its administration entries are); the town committee
names the company: a database created before the demo named it still shows Odoo's
default name in the navigation bar and on the printouts."""

from odoo import SUPERUSER_ID, api

# Odoo's names of the first company (base data, and the name of older releases),
# and the street of its demo address in San Francisco.
ODOO_DEFAULT_NAMES = ("YourCompany", "My Company")
ODOO_DEMO_STREET = "250 Executive Park Blvd, Suite 3400"
# What the demo gives it on a fresh install (idesk_registry's demo data).
DEMO_NAME = "UBND thị xã An Nhơn"
DEMO_ADDRESS = {
    "street": "Trần Phú, phường Bình Định",
    "street2": False,
    "zip": False,
    "state_id": False,
    "city": "An Nhơn",
    "phone": False,
    "email": False,
    "website": False,
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    users = (
        env["res.users"].with_context(active_test=False).search([("share", "=", False)])
    )
    users._idesk_set_home_action()
    config = env.ref("idesk_security.menu_idesk_config")
    config.groups_id = [(3, env.ref("idesk_security.group_idesk_admin").id)]
    _name_the_company(env)


def _name_the_company(env):
    company = env.ref("base.main_company", raise_if_not_found=False)
    if not company:
        return
    vals = {}
    if env.ref("idesk_security.agency_ubnd", raise_if_not_found=False):
        # a demo database: the town committee of the demo, at its address
        if company.name in ODOO_DEFAULT_NAMES:
            vals["name"] = DEMO_NAME
        if company.street == ODOO_DEMO_STREET:
            vals.update(DEMO_ADDRESS, country_id=env.ref("base.vn").id)
    elif company.name in ODOO_DEFAULT_NAMES:
        committee = env["idesk.agency"].search(
            [("parent_id", "=", False), ("kind", "=", "committee")], limit=1
        )
        vals["name"] = committee.name
    # a company the town named is never renamed
    if vals.get("name", True):
        company.write(vals)
