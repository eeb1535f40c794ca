from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.idesk_registry.models.idesk_document import SIGNER_AUTHORITIES
from odoo.addons.idesk_registry.models.idesk_document_constraints import SUMMARY_MAX

STATES = [
    ("draft", "Draft"),
    ("review", "Under review"),
    ("returned", "Returned to the drafter"),
    ("signed", "Signed"),
    ("issued", "Issued"),
    ("cancelled", "Cancelled"),
]
# What the drafter types: changed only while the draft is in the drafter's hands.
EDITABLE_STATES = ("draft", "returned")


class IdeskDraft(models.Model):
    """An outgoing document born in iDESK (Decree 30/2020, art. 10–19).

    ======================  =====================================================
    Who                     May
    ======================  =====================================================
    drafter's unit          see, write while draft or returned, upload versions,
                            submit, cancel
    reviewer of a step      see the draft once it reached him; approve, return
                            with a comment, forward (the signer: sign)
    clerk of the issuing    see a signed draft; issue it (number, date, book,
    agency                  PDF) and send it
    recipients, others      nothing: a draft is never shown to its recipients
    ======================  =====================================================
    """

    _name = "idesk.draft"
    _description = "Draft outgoing document"
    _inherit = ["mail.thread", "mail.activity.mixin", "idesk.input.mixin"]
    # Reviewers comment in the chatter without the right to change the draft.
    _mail_post_access = "read"
    _order = "id desc"

    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, index=True, tracking=True
    )
    agency_id = fields.Many2one(
        "idesk.agency",
        string="Drafting unit",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.agency_id,
    )
    drafter_id = fields.Many2one(
        "res.users",
        string="Drafter",
        readonly=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
    )
    issuing_agency_id = fields.Many2one(
        "idesk.agency",
        string="Issued by",
        required=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_issuing_agency(),
        help="The agency whose clerk numbers, seals and sends it, in its outgoing "
        "book: the Office for the committee's documents.",
    )
    type_id = fields.Many2one(
        "idesk.document.type", string="Document type", required=True, tracking=True
    )
    summary = fields.Text(
        string="Summary (trích yếu)", required=True, tracking=True, size=SUMMARY_MAX
    )
    urgency_id = fields.Many2one(
        "idesk.urgency",
        tracking=True,
        default=lambda self: self.env.ref(
            "idesk_registry.urgency_normal", raise_if_not_found=False
        ),
    )
    recipient_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_draft_recipient_agency_rel",
        "draft_id",
        "agency_id",
        string="Recipient agencies",
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        "idesk_draft_recipient_partner_rel",
        "draft_id",
        "partner_id",
        string="Outside recipients",
        help="Bodies outside iDESK: they receive the issued PDF by e-mail.",
    )
    copies_count = fields.Integer(string="Copies", default=1)
    signer_id = fields.Many2one(
        "res.users",
        string="Signer",
        tracking=True,
        domain=lambda self: [
            ("idesk_is_staff", "=", True),
            ("groups_id", "in", self.env.ref("idesk_security.group_idesk_leader").ids),
        ],
    )
    signer_authority = fields.Selection(
        SIGNER_AUTHORITIES,
        string="Signing authority",
        tracking=True,
    )
    signer_position = fields.Char(string="Signer's position", size=100, tracking=True)
    reply_to_document_id = fields.Many2one(
        "idesk.document",
        string="In reply to",
        ondelete="restrict",
        domain=[("direction", "=", "incoming")],
        tracking=True,
    )
    note = fields.Text(string="Notes")

    version_ids = fields.One2many(
        "idesk.draft.version", "draft_id", string="Versions", readonly=True
    )
    main_version_id = fields.Many2one(
        "idesk.draft.version",
        string="Current version",
        compute="_compute_main_version_id",
    )
    pdf_attachment_id = fields.Many2one(
        "ir.attachment", string="PDF of the draft", compute="_compute_main_version_id"
    )
    appendix_count = fields.Integer(compute="_compute_main_version_id")
    step_ids = fields.One2many(
        "idesk.review.step", "draft_id", string="Review steps", readonly=True
    )
    current_step_id = fields.Many2one(
        "idesk.review.step", string="Current step", compute="_compute_current_step"
    )
    reviewer_ids = fields.Many2many(
        "res.users",
        "idesk_draft_reviewer_rel",
        "draft_id",
        "user_id",
        string="Reviewers reached",
        readonly=True,
        copy=False,
        help="Everyone a step of the review has reached: they may read the draft.",
    )
    holder_id = fields.Many2one(
        "res.users", string="Held by", readonly=True, copy=False, tracking=True
    )
    held_since = fields.Datetime(readonly=True, copy=False)
    signed_by_id = fields.Many2one(
        "res.users", string="Signed by", readonly=True, copy=False
    )
    signed_date = fields.Datetime(string="Signed on", readonly=True, copy=False)
    sign_statement = fields.Char(
        string="Signature", readonly=True, copy=False, size=500
    )
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by (clerk)", readonly=True, copy=False
    )
    issue_date = fields.Datetime(readonly=True, copy=False)
    document_id = fields.Many2one(
        "idesk.document",
        string="Issued document",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    can_edit = fields.Boolean(compute="_compute_can")
    can_review = fields.Boolean(compute="_compute_can")
    can_sign = fields.Boolean(compute="_compute_can")
    can_issue = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "copies_count_positive",
            "CHECK(copies_count >= 0)",
            "The number of copies cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_issuing_agency(self):
        """The unit itself when it keeps books (it has clerks), else the Office
        of the committee it belongs to, else that committee."""
        agency = self.env.user.agency_id
        if not agency or agency.sudo().clerk_ids:
            return agency
        parent = agency.parent_id
        office = parent.child_ids.filtered(lambda a: a.kind == "office")[:1]
        return office or parent or agency

    @api.depends("version_ids")
    def _compute_main_version_id(self):
        for draft in self:
            mains = draft.version_ids.filtered(lambda v: v.kind == "main")
            main = mains.sorted("number")[-1:] if mains else mains
            draft.main_version_id = main
            draft.pdf_attachment_id = main.pdf_attachment_id
            draft.appendix_count = len(
                draft.version_ids.filtered(lambda v: v.kind == "appendix")
            )

    @api.depends("step_ids.state")
    def _compute_current_step(self):
        for draft in self:
            draft.current_step_id = draft.step_ids.filtered(
                lambda s: s.state == "active"
            )[:1]

    @api.depends_context("uid")
    @api.depends("state", "step_ids.state", "step_ids.user_id", "issuing_agency_id")
    def _compute_can(self):
        user = self.env.user
        for draft in self:
            step = draft.current_step_id
            draft.can_edit = (
                draft.state in EDITABLE_STATES and user.agency_id == draft.agency_id
            )
            draft.can_review = bool(step) and step.user_id == user
            draft.can_sign = draft.can_review and step.kind == "signer"
            draft.can_issue = draft.state == "signed" and draft._is_issuing_clerk(user)

    @api.depends("summary", "state", "document_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # The web client reads link names as superuser: no summary for whoever
        # may not open the draft.
        readable = set(self._idesk_readable()._ids)
        for draft in self:
            if draft._ids and draft._ids[0] not in readable:
                draft.display_name = _("Restricted draft")
                continue
            summary = (draft.summary or "").strip().splitlines()
            draft.display_name = _(
                "Draft: %(summary)s", summary=summary[0][:80] if summary else "…"
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("issuing_agency_id", "agency_id")
    def _check_issuing_agency(self):
        for draft in self:
            unit, issuer = draft.sudo().agency_id, draft.sudo().issuing_agency_id
            ancestors = unit.search([("id", "parent_of", unit.id)])
            allowed = ancestors | ancestors.child_ids.filtered(
                lambda a: a.kind == "office"
            )
            if issuer not in allowed:
                raise ValidationError(
                    _(
                        "%(issuer)s cannot issue the documents of %(unit)s: choose the unit "
                        "itself, the committee it belongs to or that committee's Office.",
                        issuer=issuer.name,
                        unit=unit.name,
                    )
                )

    @api.constrains("signer_id")
    def _check_signer(self):
        for draft in self.filtered("signer_id"):
            if not draft.signer_id.has_group("idesk_security.group_idesk_leader"):
                raise ValidationError(
                    _(
                        "%(user)s is not a leader: only a leader signs documents.",
                        user=draft.signer_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.agency_id:
            raise AccessError(_("Only the staff of an agency draft documents."))
        if not self._idesk_is_system():
            # Stricter than the mixin: no ``default_<protected>`` key at all, not
            # even the field's own default (a draft is created in the drafter's
            # unit, in state draft, by nothing but its defaults).
            sent = {
                key[len("default_") :]
                for key in self.env.context
                if key.startswith("default_")
            }
            self._idesk_refuse_protected(sent & self._idesk_protected_fields())
        return super().create(vals_list)

    def write(self, vals):
        if not self._idesk_is_system():
            typed = {
                key
                for key in vals
                if not key.startswith(("message_", "activity_"))
                and key in self._fields
                and not self._fields[key].readonly
            }
            if typed and self.filtered(lambda d: d.state not in EDITABLE_STATES):
                raise UserError(
                    _(
                        "A draft under review, signed or issued cannot be changed; the "
                        "reviewer returns it to the drafter when a change is needed."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsubmitted(self):
        if self.filtered(lambda d: d.state != "draft" or d.step_ids):
            raise UserError(
                _(
                    "Only a draft never submitted can be deleted; cancel the others "
                    "(their history is kept)."
                )
            )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_issuing_clerk(self, user):
        self.ensure_one()
        agency = self.sudo().issuing_agency_id
        return user.has_group("idesk_security.group_idesk_clerk") and (
            user.agency_id == agency or user in agency.clerk_ids
        )

    def _check_drafter_unit(self):
        """The drafter's unit works on the draft while it is in its hands."""
        self.check_access("write")
        for draft in self:
            if self.env.user.agency_id != draft.agency_id and not self.env.su:
                raise AccessError(
                    _(
                        "Only the staff of %(unit)s work on this draft.",
                        unit=draft.agency_id.name,
                    )
                )
            if draft.state not in EDITABLE_STATES:
                raise UserError(
                    _(
                        "The draft is %(state)s: it is not in the drafter's hands.",
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[draft.state],
                    )
                )

    def _drafting_sudo(self):
        """The drafting steps' own writes (states, steps, versions), after their
        own checks of who may do what."""
        return self.sudo()._idesk_system()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_upload_version(self):
        self.ensure_one()
        self._check_drafter_unit()
        return {
            "type": "ir.actions.act_window",
            "name": _("Upload a version"),
            "res_model": "idesk.draft.upload.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_draft_id": self.id},
        }

    def action_open_pdf(self):
        self.ensure_one()
        self.check_access("read")
        attachment = (
            self.document_id.sudo().scan_attachment_id or self.pdf_attachment_id
        )
        if self.document_id:
            # The issued original: shown to whoever may open the document.
            self.document_id.check_access("read")
        if not attachment:
            raise UserError(_("No version of the draft has been uploaded yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}",
            "target": "new",
        }

    def action_open_document(self):
        self.ensure_one()
        self.check_access("read")
        if not self.document_id:
            raise UserError(_("The draft has not been issued yet."))
        self.document_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_cancel(self):
        self._check_drafter_unit()
        for draft in self:
            draft.activity_ids.sudo().unlink()
            draft.step_ids.filtered(
                lambda s: s.state in ("pending", "active")
            ).sudo().write({"state": "cancelled"})
            draft._drafting_sudo().write(
                {"state": "cancelled", "holder_id": False, "held_since": False}
            )
            draft.message_post(body=_("Draft cancelled."), subtype_xmlid="mail.mt_note")
        return True
