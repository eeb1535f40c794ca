from odoo import fields, models


class IdeskSecurityLog(models.Model):
    _inherit = "idesk.security.log"

    event = fields.Selection(
        selection_add=[("book_reopen", "Closed quarter reopened")],
        ondelete={"book_reopen": "cascade"},
    )
