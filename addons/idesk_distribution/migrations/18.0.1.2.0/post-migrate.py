"""The top menu follows the clerks' manuals (Theo dõi): the renamed menus take their
new Vietnamese names."""

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
