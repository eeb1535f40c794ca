from odoo import api, fields, models


class IdeskUrgency(models.Model):
    """Urgency levels (Decree 30/2020; edXML priority codes 0..4)."""

    _name = "idesk.urgency"
    _description = "Urgency"
    _inherit = ["idesk.input.mixin"]
    _order = "priority, id"

    name = fields.Char(required=True, translate=False)
    code = fields.Char(required=True)
    priority = fields.Integer(
        required=True,
        default=0,
        help="edXML priority code: 0 normal … 4 flash at a set time.",
    )
    is_urgent = fields.Boolean(
        compute="_compute_is_urgent",
        store=True,
        help="Khẩn and above: registered and handed over at once.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "This urgency code already exists."),
    ]

    @api.depends("priority")
    def _compute_is_urgent(self):
        for urgency in self:
            urgency.is_urgent = urgency.priority >= 1
