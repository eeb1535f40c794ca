from odoo import api, fields, models


class IdeskBookCloseWizard(models.TransientModel):
    """Close a quarter of a register book (đóng sổ)."""

    _name = "idesk.book.close.wizard"
    _description = "Close a quarter of a register book"
    _inherit = ["idesk.input.mixin"]

    book_id = fields.Many2one(
        "idesk.register.book",
        string="Register book",
        required=True,
        default=lambda self: self.env["idesk.register.print.wizard"]._default_book(),
    )
    quarter = fields.Selection(
        [
            ("1", "Quarter I"),
            ("2", "Quarter II"),
            ("3", "Quarter III"),
            ("4", "Quarter IV"),
        ],
        required=True,
        default=lambda self: self._default_quarter(),
    )

    @api.model
    def _default_quarter(self):
        """The quarter before the current one (the one a clerk closes now)."""
        month = fields.Date.context_today(self).month
        return str(max(1, (month - 1) // 3))

    def action_close(self):
        self.ensure_one()
        closure = self.env["idesk.book.closure"].action_close_quarter(
            self.book_id.id, self.quarter
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.book.closure",
            "res_id": closure.id,
            "view_mode": "form",
            "target": "current",
        }
