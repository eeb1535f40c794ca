from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class IdeskAgency(models.Model):
    """Who keeps an agency's register books.

    An agency's own clerks keep its books. A clerk of another agency keeps them in
    two cases, and gets no more than that (record rules in the registry and the
    distribution; he stays a member of his own agency only):

    - ``clerk_ids`` lists him: he keeps all the agency's books (the Office's clerk
      serves the standing committee of the People's Council, whose documents carry
      ``-HĐND`` symbols: regulation art. 6);
    - ``registering_agency_id`` names his agency: the clerks of that agency keep
      the incoming book of a unit that has no clerk of its own (the Office keeps
      the book of a department without a clerk).
    """

    _inherit = "idesk.agency"

    registering_agency_id = fields.Many2one(
        "idesk.agency",
        string="Incoming book kept by",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="For a unit without a clerk: the agency whose clerks register the documents it "
        "receives, in the unit's own incoming book. Empty: the unit's own clerks.",
    )

    @api.constrains("registering_agency_id")
    def _check_registering_agency(self):
        for agency in self.filtered("registering_agency_id"):
            keeper = agency.registering_agency_id
            if keeper == agency:
                continue
            # No chains: the clerks named keep their own agency's book themselves.
            if keeper.registering_agency_id not in (keeper, self.browse()):
                raise ValidationError(
                    _(
                        "%(keeper)s has its incoming book kept by another agency: it cannot "
                        "keep the book of %(agency)s.",
                        keeper=keeper.name,
                        agency=agency.name,
                    )
                )

    def _idesk_keeps_books(self, user, direction):
        """True when ``user`` keeps this agency's book of ``direction``
        (``incoming`` / ``outgoing``)."""
        self.ensure_one()
        if user in self.clerk_ids:
            return True
        if not user.agency_id or not user.has_group("idesk_security.group_idesk_clerk"):
            return False
        if user.agency_id == self:
            return True
        return direction == "incoming" and self.registering_agency_id == user.agency_id

    @api.model
    def _idesk_kept_agencies(self, user, direction):
        """The agencies whose book of ``direction`` ``user`` keeps (his own included)."""
        agencies = self.search([("clerk_ids", "in", user.ids)])
        if user.agency_id and user.has_group("idesk_security.group_idesk_clerk"):
            agencies |= user.agency_id
            if direction == "incoming":
                agencies |= self.search(
                    [("registering_agency_id", "=", user.agency_id.id)]
                )
        return agencies

    def _idesk_book_keepers(self, direction):
        """The clerks who keep this agency's book of ``direction`` (for notices)."""
        self.ensure_one()
        Users = self.env["res.users"]
        own = Users.search(
            [
                ("agency_id", "=", self.id),
                (
                    "groups_id",
                    "in",
                    self.env.ref("idesk_security.group_idesk_clerk").ids,
                ),
            ]
        )
        keepers = self.clerk_ids | own
        if direction == "incoming" and self.registering_agency_id not in (
            self,
            self.browse(),
        ):
            keepers |= self.registering_agency_id._idesk_book_keepers(direction)
        return keepers

    def _idesk_receiving_clerks(self):
        """Who is told that a document was sent to this agency: its listed clerks,
        else the clerks who keep its incoming book for it."""
        self.ensure_one()
        if self.clerk_ids or self.registering_agency_id in (self, self.browse()):
            return self.clerk_ids
        return self.registering_agency_id._idesk_book_keepers("incoming")
