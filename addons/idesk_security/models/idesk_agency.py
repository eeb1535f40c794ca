import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Decision 20/2020/QĐ-TTg: four levels, e.g. 000.00.00.H30
ORGAN_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"


class IdeskAgency(models.Model):
    """An agency of the town: the People's Committee, its office, a specialised
    office, a ward or a commune. Users, register books and documents belong to one.
    """

    _name = "idesk.agency"
    _description = "Agency"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _parent_store = True
    _order = "parent_path, sequence, name"
    _rec_names_search = ["name", "code", "organ_code"]

    name = fields.Char(required=True, tracking=True, translate=False)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    code = fields.Char(
        string="Short code",
        required=True,
        tracking=True,
        help="Used in document symbols, e.g. UBND, VP, NV.",
    )
    organ_code = fields.Char(
        string="Organ identifier",
        size=13,
        tracking=True,
        help="13 characters in four levels, ddd.dd.dd.Xnn (Decision 20/2020/QĐ-TTg).",
    )
    kind = fields.Selection(
        [
            ("committee", "People's Committee"),
            ("council", "People's Council"),
            ("office", "Office"),
            ("department", "Specialised office"),
            ("ward", "Ward"),
            ("commune", "Commune"),
        ],
        required=True,
        default="department",
        tracking=True,
    )
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "idesk.agency", string="Parent agency", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("idesk.agency", "parent_id", string="Sub-agencies")
    user_ids = fields.One2many("res.users", "agency_id", string="Staff")
    leader_ids = fields.Many2many(
        "res.users", "idesk_agency_leader_rel", "agency_id", "user_id", string="Leaders"
    )
    clerk_ids = fields.Many2many(
        "res.users", "idesk_agency_clerk_rel", "agency_id", "user_id", string="Clerks"
    )
    it_officer_id = fields.Many2one("res.users", string="IT officer")
    staff_count = fields.Integer(compute="_compute_counts")
    child_count = fields.Integer(string="Sub-agency count", compute="_compute_counts")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "organ_code_uniq",
            "unique(organ_code)",
            "This organ identifier is already used by another agency.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for agency in self:
            if agency.parent_id:
                agency.complete_name = (
                    f"{agency.parent_id.complete_name} / {agency.name}"
                )
            else:
                agency.complete_name = agency.name

    @api.depends("user_ids", "child_ids")
    def _compute_counts(self):
        for agency in self:
            agency.staff_count = len(agency.user_ids)
            agency.child_count = len(agency.child_ids)

    def action_open_staff(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Staff of %(agency)s", agency=self.name),
            "res_model": "res.users",
            "view_mode": "list,form",
            "domain": [("agency_id", "=", self.id)],
            "context": {"default_agency_id": self.id},
        }

    def action_open_children(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Sub-agencies of %(agency)s", agency=self.name),
            "res_model": "idesk.agency",
            "view_mode": "list,form",
            "domain": [("id", "child_of", self.id), ("id", "!=", self.id)],
            "context": {"default_parent_id": self.id},
        }

    @api.constrains("organ_code")
    def _check_organ_code(self):
        for agency in self.filtered("organ_code"):
            if not re.match(ORGAN_CODE_PATTERN, agency.organ_code):
                raise ValidationError(
                    _(
                        "The organ identifier %(code)s is not valid: it must have 13 characters "
                        "in the form ddd.dd.dd.Xnn, e.g. 000.00.00.H30.",
                        code=agency.organ_code,
                    )
                )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("An agency cannot be its own parent."))

    # ------------------------------------------------------------------
    # Archiving
    # ------------------------------------------------------------------
    def _check_can_archive(self):
        """Return the reasons (translated strings) why ``self`` cannot be archived.

        idesk_registry extends it to count the open documents of the agency.
        """
        self.ensure_one()
        reasons = []
        staff = self.with_context(active_test=True).user_ids
        if staff:
            reasons.append(
                _(
                    "%(count)s active staff account(s): %(names)s",
                    count=len(staff),
                    names=", ".join(staff[:5].mapped("name")),
                )
            )
        children = self.child_ids.filtered("active")
        if children:
            reasons.append(
                _(
                    "%(count)s active sub-agency(ies): %(names)s",
                    count=len(children),
                    names=", ".join(children[:5].mapped("name")),
                )
            )
        return reasons

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            for agency in self.filtered("active"):
                reasons = agency.sudo()._check_can_archive()
                if reasons:
                    raise UserError(
                        _(
                            "The agency %(name)s cannot be archived:\n%(reasons)s",
                            name=agency.complete_name,
                            reasons="\n".join(f"- {r}" for r in reasons),
                        )
                    )
        return super().write(vals)
