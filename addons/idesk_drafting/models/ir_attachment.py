from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.idesk_registry.models.ir_attachment import ORIGINAL_FIELDS


class IrAttachment(models.Model):
    """The files of a draft's versions are kept as they were uploaded: a
    correction is a new version, never a changed file."""

    _inherit = "ir.attachment"

    def _idesk_draft_version_files(self):
        # sudo: which version a file belongs to decides, not who asks.
        files = self.sudo().filtered(lambda a: a.res_model == "idesk.draft")
        if not files:
            return files
        Version = self.env["idesk.draft.version"].sudo()
        kept = Version.search(
            [
                "|",
                ("attachment_id", "in", files.ids),
                ("pdf_attachment_id", "in", files.ids),
            ]
        )
        return files & (kept.attachment_id | kept.pdf_attachment_id)

    def write(self, vals):
        if ORIGINAL_FIELDS & set(vals) and not self.env.su:
            if self._idesk_draft_version_files():
                raise UserError(self._idesk_draft_version_message())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_version(self):
        # The superuser deletes them with their draft (a draft never submitted).
        if not self.env.su and self._idesk_draft_version_files():
            raise UserError(self._idesk_draft_version_message())

    def _idesk_draft_version_message(self):
        return _(
            "A version of a draft is kept as it was uploaded: upload a new version "
            "instead of changing or deleting this file."
        )
