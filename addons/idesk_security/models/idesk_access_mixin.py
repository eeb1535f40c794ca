from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Law 29/2018/QH14 levels; regulation art. 3 forbids them on the system.
STATE_SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")


class IdeskAccessMixin(models.AbstractModel):
    """Data separation shared by every iDESK record that carries documents.

    A record belongs to one agency (``agency_id``) and may be shared with other
    agencies or persons (``shared_agency_ids``, ``shared_user_ids``) when it is
    sent or assigned to them. The record rules of each concrete model read these
    three fields (see ``security/idesk_agency_rules.xml`` for the pattern):

    ========================  ===============================================
    Role                      Sees
    ========================  ===============================================
    staff officer and above   own agency, shared with own agency or with self
    leader                    also everything of the sub-agencies
    network administrator     nothing more by that role alone
    ========================  ===============================================
    """

    _name = "idesk.access.mixin"
    _description = "iDESK data separation"

    agency_id = fields.Many2one(
        "idesk.agency",
        string="Agency",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.agency_id,
        tracking=True,
    )
    shared_agency_ids = fields.Many2many(
        "idesk.agency", string="Shared with agencies", copy=False
    )
    shared_user_ids = fields.Many2many("res.users", string="Shared with persons", copy=False)
    confidentiality = fields.Selection(
        [
            ("normal", "Normal"),
            ("secret", "Secret (Mật)"),
            ("top_secret", "Top secret (Tối mật)"),
            ("absolute_secret", "Absolute secret (Tuyệt mật)"),
        ],
        default="normal",
        required=True,
        help="State-secret documents must never be put on iDESK (regulation, article 3).",
    )

    @api.model
    def _check_forbidden_content(self, vals):
        """Refuse state-secret content before anything is written (art. 3)."""
        if vals.get("confidentiality") in STATE_SECRET_LEVELS:
            raise UserError(
                _(
                    "State-secret documents (Mật, Tối mật, Tuyệt mật) must not be put on "
                    "iDESK (regulation, article 3). Nothing has been stored."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_forbidden_content(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_forbidden_content(vals)
        return super().write(vals)
