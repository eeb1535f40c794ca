from odoo import fields, models


class IdeskAgency(models.Model):
    """The agency's seal, as an image: drawn on the outgoing documents it
    issues electronically (Decree 30/2020, Appendix I: red, actual size,
    transparent background). Set by the network administrator (who alone
    writes agencies); read by him and the clerks who stamp — nobody else, the
    image being what a forger would want."""

    _inherit = "idesk.agency"

    seal_image = fields.Image(
        string="Seal image",
        max_width=1024,
        max_height=1024,
        # In the agency's row, not an ir.attachment: Odoo 18 lets any internal
        # user read a field's attachment by its id whatever the field's groups.
        attachment=False,
        groups="idesk_security.group_idesk_admin,idesk_security.group_idesk_clerk",
        help="PNG with a transparent background, the seal in red at actual size "
        "(about 35 mm across). Drawn over the left third of the signature of "
        "the documents this agency issues.",
    )
