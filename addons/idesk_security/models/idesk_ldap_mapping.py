from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class IdeskLdapMapping(models.Model):
    """How an LDAP group or an agency value of the directory maps to Odoo."""

    _name = "idesk.ldap.mapping"
    _description = "LDAP mapping"
    _inherit = ["idesk.input.mixin"]
    _order = "kind, ldap_value"

    ldap_id = fields.Many2one(
        "res.company.ldap",
        string="LDAP server",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(
        [("group", "LDAP group → iDESK role"), ("agency", "Directory value → agency")],
        required=True,
        default="group",
    )
    ldap_value = fields.Char(
        string="LDAP value",
        required=True,
        help="For a role: the DN of the LDAP group, e.g. cn=vanthu,ou=groups,dc=annhon,dc=vn. "
        "For an agency: the value of the agency attribute of the entry (e.g. its ou).",
    )
    group_id = fields.Many2one("res.groups", string="Role", ondelete="cascade")
    agency_id = fields.Many2one("idesk.agency", ondelete="cascade")

    @api.constrains("kind", "group_id", "agency_id")
    def _check_target(self):
        for mapping in self:
            if mapping.kind == "group" and not mapping.group_id:
                raise ValidationError(
                    _(
                        "Choose the role that the LDAP group %s gives.",
                        mapping.ldap_value,
                    )
                )
            if mapping.kind == "agency" and not mapping.agency_id:
                raise ValidationError(
                    _(
                        "Choose the agency of the directory value %s.",
                        mapping.ldap_value,
                    )
                )
