"""The PIN of the agency's token, typed by the clerk at issue. As for the
leader's signature (see idesk_draft_review_wizard), the issue is made while
the dialog is saved, so that the PIN is kept nowhere; a failure saves nothing
and issues nothing."""

from odoo import api, fields, models

from ..tools.secret import Secret


class IdeskDraftIssueWizard(models.TransientModel):
    _name = "idesk.draft.issue.wizard"
    _description = "Issue with the agency's digital signature"
    _inherit = ["idesk.input.mixin"]

    draft_id = fields.Many2one("idesk.draft", required=True, ondelete="cascade")
    pin = fields.Char(
        string="PIN of the agency's token",
        compute="_compute_pin",
        inverse="_inverse_pin",
        help="Typed for this issue only: iDESK keeps it nowhere.",
    )
    document_id = fields.Many2one("idesk.document", readonly=True)

    def _compute_pin(self):
        self.pin = False

    def _inverse_pin(self):
        """Never stored (``create`` removes it first)."""

    @api.model_create_multi
    def create(self, vals_list):
        pins = [Secret(vals.pop("pin", None)) for vals in vals_list]
        for vals in vals_list:
            vals.pop("document_id", None)
        wizards = super().create(vals_list)
        for wizard, pin in zip(wizards, pins, strict=True):
            action = wizard.draft_id.with_context(idesk_signing_pin=pin).action_issue()
            wizard._idesk_system().write({"document_id": action.get("res_id")})
        return wizards

    def write(self, vals):
        vals = dict(vals)
        vals.pop("pin", None)
        return super().write(vals)

    def action_open_document(self):
        self.ensure_one()
        if not self.document_id:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
