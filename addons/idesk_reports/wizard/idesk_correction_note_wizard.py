from odoo import fields, models


class IdeskCorrectionNoteWizard(models.TransientModel):
    """Correct a register entry of a closed quarter with an audited note."""

    _name = "idesk.correction.note.wizard"
    _description = "Correction note on a register entry"
    _inherit = ["idesk.input.mixin"]

    document_ids = fields.Many2many("idesk.document", string="Entries", required=True)
    note = fields.Text(string="Correction", required=True)

    def action_post(self):
        self.ensure_one()
        self.document_ids.action_add_correction_note(self.note)
        return {"type": "ir.actions.act_window_close"}
