from odoo import api, fields, models


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
        groups="idesk_security.group_idesk_admin",
        help="PNG with a transparent background, the seal in red at actual size "
        "(about 35 mm across). Drawn over the left third of the signature of "
        "the documents this agency issues.",
    )
    # The field's groups cannot tell one agency from another: a clerk reads the
    # seal of the agencies whose outgoing books he keeps (and of the committee
    # his Office issues for) through this one, never the other agencies' seals.
    seal_image_kept = fields.Image(
        string="Seal image (stamped by you)",
        compute="_compute_seal_image_kept",
        groups="idesk_security.group_idesk_clerk",
    )

    @api.depends("seal_image")
    @api.depends_context("uid")
    def _compute_seal_image_kept(self):
        user = self.env.user
        Document = self.env["idesk.document"]
        # sudo: which agencies the user keeps (configuration), then only their seals
        kept = self.sudo()._idesk_kept_agencies(user, "outgoing")
        kept |= kept.browse([Document._symbol_agency(a).id for a in kept])
        for agency in self:
            agency.seal_image_kept = (
                agency.sudo().seal_image if agency._origin in kept else False
            )
