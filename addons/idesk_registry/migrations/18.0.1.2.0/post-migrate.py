"""The top menu follows the clerks' manuals (Văn bản đến, Văn bản đi): the renamed
menus take their new Vietnamese names."""

from odoo.addons.idesk_security.tools.upgrade import forget_menu_translations


def migrate(cr, version):
    forget_menu_translations(
        cr,
        "idesk_registry",
        [
            "menu_idesk_registry",
            "menu_idesk_document_incoming",
            "menu_idesk_document_outgoing",
        ],
    )
