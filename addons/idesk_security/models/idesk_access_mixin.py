from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# Law 29/2018/QH14 levels; regulation art. 3 forbids them on the system.
STATE_SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")
# Harmful-content states that hide a record from everyone but the clerks of
# its agency and the network administrators (regulation art. 3).
QUARANTINE_STATES = ("reported", "harmful")


class IdeskAccessMixin(models.AbstractModel):
    """Data separation shared by every iDESK record that carries documents.

    A record belongs to one agency (``agency_id``) and may be shared with other
    agencies or persons (``shared_agency_ids``, ``shared_user_ids``) when it is
    sent or assigned to them. The record rules of each concrete model read these
    fields; the exact XML to copy is in ``docs/architecture.md`` (idesk_security):

    ========================  ===============================================
    Role                      Sees
    ========================  ===============================================
    staff officer and above   own agency, shared with own agency or with self
    leader                    also everything of the sub-agencies
    network administrator     nothing more by that role alone, except records
                              reported as harmful content (to review them)
    ========================  ===============================================

    A global rule hides records reported as harmful content (``content_state``
    ``reported`` or ``harmful``) from everyone but the clerks of the record's
    agency and the network administrators.
    """

    _name = "idesk.access.mixin"
    _description = "iDESK data separation"
    _inherit = ["idesk.input.mixin"]

    agency_id = fields.Many2one(
        "idesk.agency",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.agency_id,
        tracking=True,
    )
    # Sharing is given by sending and assigning (idesk_distribution), never by hand.
    shared_agency_ids = fields.Many2many(
        "idesk.agency", string="Shared with agencies", copy=False, readonly=True
    )
    shared_user_ids = fields.Many2many(
        "res.users", string="Shared with persons", copy=False, readonly=True
    )
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
    content_state = fields.Selection(
        [
            ("normal", "Normal"),
            ("reported", "Reported as harmful"),
            ("cleared", "Reviewed: not harmful"),
            ("harmful", "Reviewed: harmful content"),
        ],
        string="Content review",
        default="normal",
        required=True,
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
        help="A record reported as harmful content (regulation, article 3) is hidden from "
        "everyone but the clerks of its agency and the network administrators until reviewed.",
    )
    content_report_reason = fields.Text(
        string="Reason of the report", copy=False, readonly=True
    )
    content_reported_by_id = fields.Many2one(
        "res.users", string="Reported by", copy=False, readonly=True
    )
    content_reported_date = fields.Datetime(
        string="Reported on", copy=False, readonly=True
    )
    content_reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", copy=False, readonly=True
    )
    content_review_date = fields.Datetime(
        string="Reviewed on", copy=False, readonly=True
    )
    content_review_note = fields.Text(
        string="Review decision", copy=False, readonly=True
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

    @api.constrains("confidentiality")
    def _check_confidentiality(self):
        # A constraint, so that a value given through a default_* context key,
        # a copy or an import is refused too; the transaction is rolled back.
        for record in self:
            record._check_forbidden_content({"confidentiality": record.confidentiality})

    # ------------------------------------------------------------------
    # Harmful content (regulation, article 3)
    # ------------------------------------------------------------------
    def action_report_harmful_content(self, reason=None):
        """Any user who can read the record may report it as harmful content.

        Without ``reason`` (a button in a form), opens the wizard asking for it.
        """
        self.check_access("read")
        if reason and not isinstance(reason, str):
            raise UserError(_("Please give the reason of the report."))
        if not reason:
            return {
                "type": "ir.actions.act_window",
                "name": _("Report harmful content"),
                "res_model": "idesk.content.report.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_res_model": self._name,
                    "default_res_ids": ",".join(str(i) for i in self.ids),
                    "default_mode": "report",
                },
            }
        if not reason.strip():
            raise UserError(_("Please give the reason of the report."))
        already = self.filtered(lambda r: r.content_state in QUARANTINE_STATES)
        if already:
            raise UserError(
                _(
                    "%(name)s has already been reported and is waiting for review.",
                    name=already[0].display_name,
                )
            )
        return self._do_report_harmful_content(reason.strip())

    def _do_report_harmful_content(self, reason):
        user = self.env.user
        records = self.sudo()
        records.write(
            {
                "content_state": "reported",
                "content_report_reason": reason,
                "content_reported_by_id": user.id,
                "content_reported_date": fields.Datetime.now(),
                "content_reviewed_by_id": False,
                "content_review_date": False,
                "content_review_note": False,
            }
        )
        Log = self.env["idesk.security.log"]
        for record in records:
            Log._log_event(
                "content_report",
                description=_("Reported as harmful content: %(reason)s", reason=reason),
                record=record,
            )
        self.env["res.users"].sudo()._idesk_notify_admins(
            _(
                "Harmful content reported: %(name)s",
                name=", ".join(records.mapped("display_name")),
            ),
            _(
                "%(user)s reported as harmful content: %(names)s. Reason: %(reason)s",
                user=user.name,
                names=", ".join(records.mapped("display_name")),
                reason=reason,
            ),
            records[:1],
        )
        return True

    def action_review_content(self, decision=None, note=None):
        """The network administrator clears a report or confirms the content is harmful."""
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(
                _("Only a network administrator can review reported content.")
            )
        if not decision:
            self.check_access("read")
            return {
                "type": "ir.actions.act_window",
                "name": _("Review reported content"),
                "res_model": "idesk.content.report.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_res_model": self._name,
                    "default_res_ids": ",".join(str(i) for i in self.ids),
                    "default_mode": "review",
                },
            }
        if decision not in ("cleared", "harmful"):
            raise UserError(_("The decision must be either cleared or harmful."))
        if self.filtered(lambda r: r.content_state != "reported"):
            raise UserError(
                _("Only content reported and waiting for review can be reviewed.")
            )
        if not isinstance(note, str) or not note.strip():
            raise UserError(_("Please write the reason of the decision."))
        return self._do_review_content(decision, note.strip())

    def _do_review_content(self, decision, note):
        records = self.sudo()
        records.write(
            {
                "content_state": decision,
                "content_reviewed_by_id": self.env.user.id,
                "content_review_date": fields.Datetime.now(),
                "content_review_note": note,
            }
        )
        label = dict(self._fields["content_state"]._description_selection(self.env))[
            decision
        ]
        for record in records:
            self.env["idesk.security.log"]._log_event(
                "content_review",
                description=_(
                    "Review decision: %(decision)s. %(note)s", decision=label, note=note
                ),
                record=record,
            )
        return True
