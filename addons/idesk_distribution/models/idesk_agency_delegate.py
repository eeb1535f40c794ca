from odoo import fields, models


class IdeskAgency(models.Model):
    """Who hands a unit's work to its officers and accepts their results:
    the unit's heads (``leader_ids``) and the people they name here (a deputy
    head, the head of a section)."""

    _inherit = "idesk.agency"

    assignment_delegate_ids = fields.Many2many(
        "res.users",
        "idesk_agency_assignment_delegate_rel",
        "agency_id",
        "user_id",
        string="Delegates for assignments",
        domain="[('idesk_is_staff', '=', True), ('agency_id', 'child_of', id)]",
        help="Besides the heads of the unit, these staff hand the unit's "
        "assignments to its officers and accept or return their results.",
    )

    def _is_head_or_delegate(self, user):
        """The unit's heads and delegates act for the unit on its assignments."""
        self.ensure_one()
        return user in self.leader_ids or user in self.assignment_delegate_ids
