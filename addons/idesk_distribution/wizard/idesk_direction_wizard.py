from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# The people a leader may pick for a role: real staff of the ``{units}``
# computed by _compute_staff_agency_ids.
STAFF_DOMAIN = "[('idesk_is_staff', '=', True), ('agency_id', 'in', {units})]"


class IdeskDirectionWizard(models.TransientModel):
    """Bút phê: the leader's direction on an incoming document, written by
    the leader, or recorded by a clerk from the paper copy (art. 4.1)."""

    _name = "idesk.direction.wizard"
    _description = "Direct a document"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one(
        "idesk.document", required=True, readonly=True, ondelete="cascade"
    )
    directed_by_id = fields.Many2one(
        "res.users",
        string="Leader",
        required=True,
        default=lambda self: self._default_directed_by(),
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("idesk_security.group_idesk_leader").ids),
            ("idesk_is_staff", "=", True),
        ],
    )
    lead_staff_agency_ids = fields.Many2many(
        "idesk.agency",
        string="Units of the lead persons",
        compute="_compute_staff_agency_ids",
    )
    cooperate_staff_agency_ids = fields.Many2many(
        "idesk.agency",
        string="Units of the cooperating persons",
        compute="_compute_staff_agency_ids",
    )
    info_staff_agency_ids = fields.Many2many(
        "idesk.agency",
        string="Units of the persons for information",
        compute="_compute_staff_agency_ids",
    )
    entered_for_leader = fields.Boolean(compute="_compute_entered_for_leader")
    direction_note = fields.Text(string="Direction", required=True)
    direction_file = fields.Binary(string="Scanned direction page", attachment=False)
    direction_filename = fields.Char()
    lead_agency_id = fields.Many2one("idesk.agency", string="Lead unit")
    lead_user_id = fields.Many2one(
        "res.users",
        string="Lead person",
        domain=STAFF_DOMAIN.format(units="lead_staff_agency_ids"),
        help="With a lead unit: the person of that unit who handles the document.",
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
        domain=STAFF_DOMAIN.format(units="cooperate_staff_agency_ids"),
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
        domain=STAFF_DOMAIN.format(units="info_staff_agency_ids"),
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

    @api.depends(
        "directed_by_id", "lead_agency_id", "cooperate_agency_ids", "info_agency_ids"
    )
    def _compute_staff_agency_ids(self):
        """Where the people of each role are picked: the units chosen for the role,
        else the agencies the leader works in or leads, with their sub-agencies."""
        Agency = self.env["idesk.agency"]
        for wizard in self:
            leader = wizard.directed_by_id
            led = leader.agency_id | Agency.search([("leader_ids", "in", leader.ids)])
            own = Agency.search([("id", "child_of", led.ids)]) if led else Agency
            wizard.lead_staff_agency_ids = wizard.lead_agency_id or own
            wizard.cooperate_staff_agency_ids = wizard.cooperate_agency_ids or own
            wizard.info_staff_agency_ids = wizard.info_agency_ids or own

    def _roles(self):
        """(role, units, persons, deadline) as chosen in the wizard."""
        self.ensure_one()
        return (
            ("lead", self.lead_agency_id, self.lead_user_id, self.lead_deadline),
            (
                "cooperate",
                self.cooperate_agency_ids,
                self.cooperate_user_ids,
                self.cooperate_deadline,
            ),
            ("info", self.info_agency_ids, self.info_user_ids, False),
        )

    @api.constrains(
        "lead_agency_id",
        "lead_user_id",
        "cooperate_agency_ids",
        "cooperate_user_ids",
        "info_agency_ids",
        "info_user_ids",
    )
    def _check_persons_in_units(self):
        for wizard in self:
            for _role, units, persons, _deadline in wizard._roles():
                outsiders = persons.filtered_domain(
                    [("agency_id", "not in", units.ids)]
                )
                if units and outsiders:
                    raise ValidationError(
                        _(
                            "Not of the chosen units: %(persons)s. Choose people "
                            "who work in %(units)s, or no unit.",
                            persons=", ".join(outsiders.mapped("name")),
                            units=", ".join(units.mapped("name")),
                        )
                    )

    @api.onchange("lead_agency_id")
    def _onchange_lead_agency_id(self):
        # A person stays with the unit they work in; choosing a person keeps the unit.
        if self.lead_agency_id and self.lead_user_id.agency_id != self.lead_agency_id:
            self.lead_user_id = False

    @api.onchange("cooperate_agency_ids")
    def _onchange_cooperate_agency_ids(self):
        if self.cooperate_agency_ids:
            self.cooperate_user_ids = self.cooperate_user_ids.filtered(
                lambda p: p.agency_id in self.cooperate_agency_ids
            )

    @api.onchange("info_agency_ids")
    def _onchange_info_agency_ids(self):
        if self.info_agency_ids:
            self.info_user_ids = self.info_user_ids.filtered(
                lambda p: p.agency_id in self.info_agency_ids
            )

    def _prepare_lines(self):
        """One assignment per unit and per person; a person chosen with their unit
        is that unit's contact: one assignment to the person, whose recipient
        agency is the unit, so the unit's statistics keep it."""
        self.ensure_one()
        lines = []
        for role, units, persons, deadline in self._roles():
            if role != "lead":
                units -= self.lead_agency_id
                persons -= self.lead_user_id
            lines += [
                {"role": role, "agency_id": unit.id, "deadline": deadline}
                for unit in units - persons.agency_id
            ]
            lines += [
                {"role": role, "user_id": person.id, "deadline": deadline}
                for person in persons
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
