from odoo import _, api, fields, models
from odoo.exceptions import UserError


class IdeskDirectionWizard(models.TransientModel):
    """Bút phê: the leader's direction on an incoming document, written by
    the leader, or recorded by a clerk from the paper copy (art. 4.1)."""

    _name = "idesk.direction.wizard"
    _description = "Direct a document"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one(
        "idesk.document", required=True, readonly=True, ondelete="cascade"
    )
    agency_id = fields.Many2one(related="document_id.agency_id")
    scan_pdf = fields.Binary(related="document_id.scan_pdf")
    directed_by_id = fields.Many2one(
        "res.users",
        string="Leader",
        required=True,
        default=lambda self: self._default_directed_by(),
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("idesk_security.group_idesk_leader").ids)
        ],
    )
    entered_for_leader = fields.Boolean(compute="_compute_entered_for_leader")
    direction_note = fields.Text(string="Direction", required=True)
    direction_file = fields.Binary(string="Scanned direction page", attachment=False)
    direction_filename = fields.Char()
    lead_agency_id = fields.Many2one("idesk.agency", string="Lead unit")
    lead_user_id = fields.Many2one(
        "res.users", string="Lead person", domain="[('share', '=', False)]"
    )
    lead_deadline = fields.Date(
        string="Lead deadline", default=lambda self: self._default_deadline()
    )
    cooperate_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_direction_wizard_coop_agency_rel",
        string="Cooperating units",
    )
    cooperate_user_ids = fields.Many2many(
        "res.users",
        "idesk_direction_wizard_coop_user_rel",
        string="Cooperating persons",
        domain="[('share', '=', False)]",
    )
    cooperate_deadline = fields.Date(
        string="Cooperation deadline", default=lambda self: self._default_deadline()
    )
    info_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_direction_wizard_info_agency_rel",
        string="Units for information",
    )
    info_user_ids = fields.Many2many(
        "res.users",
        "idesk_direction_wizard_info_user_rel",
        string="Persons for information",
        domain="[('share', '=', False)]",
    )

    def _default_document(self):
        return self.env["idesk.document"].browse(
            self.env.context.get("default_document_id")
        )

    def _default_directed_by(self):
        document = self._default_document()
        if not document:
            return self.env.user
        if document._is_leader_of(self.env.user):
            return self.env.user
        return document._get_leaders()[:1]

    def _default_deadline(self):
        document = self._default_document()
        return document._default_deadline() if document else False

    @api.depends("directed_by_id")
    def _compute_entered_for_leader(self):
        for wizard in self:
            wizard.entered_for_leader = wizard.directed_by_id != self.env.user

    @api.onchange("lead_agency_id")
    def _onchange_lead_agency_id(self):
        if self.lead_agency_id:
            self.lead_user_id = False

    @api.onchange("lead_user_id")
    def _onchange_lead_user_id(self):
        if self.lead_user_id:
            self.lead_agency_id = False

    def _prepare_lines(self):
        self.ensure_one()
        if self.lead_agency_id and self.lead_user_id:
            raise UserError(
                _("Choose only one lead (chủ trì): a unit or a person, not both.")
            )
        lines = []
        lead = self.lead_agency_id or self.lead_user_id
        if lead:
            lines.append(
                {
                    "role": "lead",
                    lead._name == "res.users" and "user_id" or "agency_id": lead.id,
                    "deadline": self.lead_deadline,
                }
            )
        for role, agencies, users, deadline in (
            (
                "cooperate",
                self.cooperate_agency_ids,
                self.cooperate_user_ids,
                self.cooperate_deadline,
            ),
            ("info", self.info_agency_ids, self.info_user_ids, False),
        ):
            lines += [
                {"role": role, "agency_id": a.id, "deadline": deadline}
                for a in agencies - self.lead_agency_id
            ]
            lines += [
                {"role": role, "user_id": u.id, "deadline": deadline}
                for u in users - self.lead_user_id
            ]
        return lines

    def action_confirm(self):
        self.ensure_one()
        document = self.document_id
        document._check_can_direct(self.directed_by_id)
        if self.entered_for_leader and not self.direction_file:
            raise UserError(
                _(
                    "Attach the scanned page on which %(leader)s wrote the direction.",
                    leader=self.directed_by_id.name,
                )
            )
        lines = self._prepare_lines()
        attachment = self.env["ir.attachment"]
        if self.direction_file:
            attachment = attachment.sudo().create(
                {
                    "name": self.direction_filename or _("Direction.pdf"),
                    "datas": self.direction_file,
                    "res_model": "idesk.document",
                    "res_id": document.id,
                }
            )
        document._do_direct(
            self.direction_note,
            self.directed_by_id,
            lines,
            attachment=attachment or None,
        )
        return {"type": "ir.actions.act_window_close"}
