from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class IdeskAssignment(models.Model):
    """Return and transfer: a unit or person returns a wrongly sent assignment
    with a reason; whoever directs the document for the Office re-directs it
    to another unit or person. Nothing is lost: the returned assignment stays
    (state ``returned``, ``return_reason``, ``returned_by_id``,
    ``returned_date``) and points to its successor; the document's chatter
    shows each hop.

    ========================  ==========================================
    Who                       May
    ========================  ==========================================
    the assignee              return it with a reason (``action_return``)
    leader or clerk of the    re-direct a returned assignment
    document's agency, or     (``action_redirect``)
    its direction proposer
    ========================  ==========================================
    """

    _inherit = "idesk.assignment"

    returned_by_id = fields.Many2one(
        "res.users", string="Returned by", readonly=True, copy=False
    )
    transferred_from_id = fields.Many2one(
        "idesk.assignment",
        string="Transferred from",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The returned assignment this one replaces.",
    )
    transfer_ids = fields.One2many(
        "idesk.assignment",
        "transferred_from_id",
        string="Re-directed to",
        readonly=True,
    )
    can_redirect = fields.Boolean(compute="_compute_can_redirect")

    @api.depends_context("uid")
    @api.depends("state", "transfer_ids")
    def _compute_can_redirect(self):
        for assignment in self:
            assignment.can_redirect = (
                assignment._is_redirectable()
                and assignment.document_id._is_director_of_office(self.env.user)
            )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_redirectable(self):
        self.ensure_one()
        # An officer's returned work goes back to his unit's head, who hands it
        # to another officer: the document's agency does not re-direct it.
        return (
            self.state == "returned"
            and not self.parent_id
            and not self.transfer_ids
            and not self.document_id.recalled
        )

    def _check_can_redirect(self):
        for assignment in self:
            document = assignment.document_id
            if not document._is_director_of_office(self.env.user):
                raise AccessError(
                    _(
                        "Only whoever directs %(doc)s for its agency can re-direct it.",
                        doc=document.display_name,
                    )
                )
            if not assignment._is_redirectable():
                raise UserError(
                    _(
                        "Only a returned assignment that is not re-directed yet can be "
                        "re-directed: %(assignment)s.",
                        assignment=assignment.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_redirect(self):
        self.ensure_one()
        self._check_can_redirect()
        return {
            "type": "ir.actions.act_window",
            "name": _("Re-direct"),
            "res_model": "idesk.redirect.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _do_return(self):
        returner = self.env.user
        result = super()._do_return()
        for assignment in self.sudo():
            assignment.returned_by_id = returner
            assignment.document_id.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "Returned by %(who)s (%(recipient)s, %(role)s):",
                        who=returner.name,
                        recipient=(
                            assignment.user_id or assignment.agency_id
                        ).display_name,
                        role=assignment._role_label(),
                    ),
                    assignment.return_reason or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _do_redirect(self, agency, user, deadline, note):
        """Send the returned assignment again, to ``agency`` or ``user``, with
        the same role; the returned one stays as it is, linked to the new one."""
        self.ensure_one()
        if bool(agency) == bool(user):
            raise UserError(_("Choose one unit or one person to send it to."))
        if (self.agency_id and self.agency_id == agency) or (
            self.user_id and self.user_id == user
        ):
            raise UserError(
                _("Choose another unit or person than the one who returned it.")
            )
        if user and not user.idesk_is_staff:
            raise UserError(
                _("%(user)s is not a member of staff of an agency.", user=user.name)
            )
        if self.role in ("lead", "cooperate") and not deadline:
            raise UserError(_("Each unit or person who must act needs a deadline."))
        if deadline and deadline < fields.Date.context_today(self):
            raise UserError(_("A deadline cannot be in the past."))
        if not (note or "").strip():
            raise UserError(_("Write why and to whom it is re-directed."))
        new = (
            self.env["idesk.assignment"]
            .sudo()
            .create(
                {
                    "document_id": self.document_id.id,
                    "role": self.role,
                    "agency_id": agency.id if agency else False,
                    "user_id": user.id if user else False,
                    "deadline": deadline if self.role != "info" else False,
                    "transferred_from_id": self.id,
                }
            )
        )
        self.document_id.sudo().message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                _(
                    "Re-directed by %(who)s: %(old)s → %(new)s (%(role)s).",
                    who=self.env.user.name,
                    old=(self.user_id or self.agency_id).display_name,
                    new=(user or agency).display_name,
                    role=self._role_label(),
                ),
                note,
            ),
            subtype_xmlid="mail.mt_note",
        )
        new._do_send()
        return new


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    def _is_director_of_office(self, user):
        """Who handles the document's direction for its agency: its leaders,
        its clerks and the persons who propose directions there."""
        self.ensure_one()
        return (
            self._is_leader_of(user)
            or self._is_clerk_of(user)
            or user in self.agency_id.direction_proposer_ids
        )
