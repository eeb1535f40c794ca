from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STEP_KINDS = [
    ("unit_head", "Head of the drafting unit (content)"),
    ("office", "Head of the Office or delegate (form)"),
    ("signer", "Signing leader"),
]


class IdeskReviewChain(models.Model):
    """The steps a draft goes through before it is signed, per drafting unit and
    document type (network administrator). The most specific chain applies:
    unit and type, unit, type, then the town's default chain."""

    _name = "idesk.review.chain"
    _description = "Review chain of drafts"
    _inherit = ["idesk.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, size=200)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    agency_id = fields.Many2one(
        "idesk.agency",
        string="Drafting unit",
        ondelete="cascade",
        help="Empty: every unit.",
    )
    type_id = fields.Many2one(
        "idesk.document.type",
        string="Document type",
        ondelete="cascade",
        help="Empty: every type.",
    )
    line_ids = fields.One2many(
        "idesk.review.chain.line", "chain_id", string="Steps", copy=True
    )

    @api.constrains("line_ids")
    def _check_lines(self):
        for chain in self:
            kinds = chain.line_ids.sorted("sequence").mapped("kind")
            if not kinds or kinds[-1] != "signer" or kinds.count("signer") != 1:
                raise ValidationError(
                    _(
                        "A review chain ends with the signing leader, once: %(chain)s.",
                        chain=chain.name,
                    )
                )

    @api.model
    def _find_chain(self, agency, doc_type):
        """The chain of ``agency``'s drafts of ``doc_type`` (read as superuser:
        the configuration applies whoever drafts)."""
        chains = self.sudo().search(
            [
                ("agency_id", "in", [agency.id, False]),
                ("type_id", "in", [doc_type.id, False]),
            ]
        )
        return chains.sorted(
            lambda c: (not c.agency_id, not c.type_id, c.sequence, c.id)
        )[:1]


class IdeskReviewChainLine(models.Model):
    _name = "idesk.review.chain.line"
    _description = "Step of a review chain"
    _inherit = ["idesk.input.mixin"]
    _order = "sequence, id"

    chain_id = fields.Many2one(
        "idesk.review.chain", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(STEP_KINDS, required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        domain=[("idesk_is_staff", "=", True)],
        help="Empty: the unit's head, the Office's head or the signer chosen on "
        "the draft. A delegate named here reviews instead.",
    )
    days = fields.Integer(
        string="Working days",
        default=2,
        help="Time given to the reviewer, in working days.",
    )

    _sql_constraints = [
        ("days_positive", "CHECK(days > 0)", "A step takes at least one day."),
    ]
