from odoo import fields, models


class IdeskSignatureOverrideWizard(models.TransientModel):
    """Register a document whose digital signature is invalid, with the clerk's reason."""

    _name = "idesk.signature.override.wizard"
    _description = "Register despite an invalid digital signature"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one("idesk.document", required=True, ondelete="cascade")
    signature_explanation = fields.Text(related="document_id.signature_explanation")
    reason = fields.Text(size=2_000)

    def action_confirm(self):
        self.ensure_one()
        self.document_id._record_signature_override(self.reason)
        result = self.document_id.with_context(
            idesk_signature_ask=True
        ).action_register()
        # The registration may still ask about a possible duplicate.
        return (
            result
            if isinstance(result, dict)
            else {"type": "ir.actions.act_window_close"}
        )
