from odoo import fields, models


class IdeskDocumentDuplicateWizard(models.TransientModel):
    _name = "idesk.document.duplicate.wizard"
    _description = "Confirm the registration of a possible duplicate"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one("idesk.document", required=True, ondelete="cascade")
    duplicate_ids = fields.Many2many("idesk.document", string="Already in the book")

    def action_confirm(self):
        """The clerk has checked: it is another document, register it."""
        self.ensure_one()
        self.document_id.with_context(idesk_confirm_duplicate=True).action_register()
        return {"type": "ir.actions.act_window_close"}
