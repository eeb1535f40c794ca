from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    idesk_signature_image = fields.Image(
        string="Signature image",
        max_width=800,
        max_height=400,
        help="Your handwritten signature (PNG with a transparent background), shown "
        "at the signer's place of the documents you sign digitally (Decree 30/2020, "
        "Appendix I). You or the network administrator set it.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["idesk_signature_image"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["idesk_signature_image"]
