"""The record rules gained their read/write split (sharing grants reading only)."""

from odoo.addons.idesk_security.tools.upgrade import drop_shipped_rules


def migrate(cr, version):
    drop_shipped_rules(cr, "idesk_distribution")
