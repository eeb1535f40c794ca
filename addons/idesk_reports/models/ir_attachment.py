from odoo import api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    """Files of an entry in a closed quarter, and the stored final books,
    can be neither added, changed nor removed."""

    _inherit = "ir.attachment"

    @api.model
    def _idesk_check_frozen(self, pairs):
        """``pairs``: iterable of (res_model, res_id)."""
        document_ids = {
            res_id for model, res_id in pairs if model == "idesk.document" and res_id
        }
        if document_ids:
            documents = self.env["idesk.document"].sudo().browse(document_ids).exists()
            documents._check_period_open()
        closure_ids = {
            res_id
            for model, res_id in pairs
            if model == "idesk.book.closure" and res_id
        }
        if closure_ids and not self.env.context.get("idesk_closure_internal"):
            closures = (
                self.env["idesk.book.closure"].sudo().browse(closure_ids).exists()
            )
            if closures:
                raise UserError(
                    self.env._(
                        "The stored final book of a closed quarter cannot be changed."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._idesk_check_frozen(
            (vals.get("res_model"), vals.get("res_id")) for vals in vals_list
        )
        return super().create(vals_list)

    def write(self, vals):
        pairs = [(a.res_model, a.res_id) for a in self.sudo()]
        if "res_model" in vals or "res_id" in vals:
            pairs += [
                (vals.get("res_model", a.res_model), vals.get("res_id", a.res_id))
                for a in self.sudo()
            ]
        self._idesk_check_frozen(pairs)
        return super().write(vals)

    def unlink(self):
        self._idesk_check_frozen([(a.res_model, a.res_id) for a in self.sudo()])
        return super().unlink()
