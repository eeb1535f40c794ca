from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _postprocess_contents(self, values):
        """Scans are evidence: keep the originals byte for byte (no resizing)."""
        if self.env.context.get("idesk_keep_original"):
            values["mimetype"] = self._compute_mimetype(values)
            return values
        return super()._postprocess_contents(values)
