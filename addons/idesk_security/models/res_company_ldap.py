import logging

import ldap
from ldap.filter import filter_format

from odoo import api, fields, models
from odoo.exceptions import AccessDenied

_logger = logging.getLogger(__name__)

# Errors meaning "the directory cannot be reached", as opposed to a wrong password.
DIRECTORY_DOWN_ERRORS = (
    ldap.SERVER_DOWN,
    ldap.CONNECT_ERROR,
    ldap.TIMEOUT,
    ldap.UNAVAILABLE,
)


class IdeskDirectoryUnavailable(AccessDenied):
    """The LDAP directory cannot be reached; the message is shown on the login page."""


class ResCompanyLdap(models.Model):
    _inherit = "res.company.ldap"

    idesk_agency_attribute = fields.Char(
        string="Agency attribute",
        default="ou",
        help="Attribute of the staff entry that names the agency (e.g. ou or departmentNumber). "
        "Its value is looked up in the agency mappings below, then as an organ identifier "
        "(ddd.dd.dd.Xnn). When the attribute is missing, the first ou= of the entry's DN is used.",
    )
    idesk_group_filter = fields.Char(
        string="Group filter",
        default="(|(member=%(dn)s)(uniqueMember=%(dn)s))",
        help="LDAP filter finding the groups of a staff entry; %(dn)s is replaced by its DN.",
    )
    idesk_mapping_ids = fields.One2many(
        "idesk.ldap.mapping", "ldap_id", string="iDESK mappings"
    )

    def _get_ldap_dicts(self):
        res = super()._get_ldap_dicts()
        extra = {
            rec["id"]: rec
            for rec in self.sudo()
            .browse([c["id"] for c in res])
            .read(["idesk_agency_attribute", "idesk_group_filter"])
        }
        for conf in res:
            conf.update(
                idesk_agency_attribute=extra[conf["id"]]["idesk_agency_attribute"],
                idesk_group_filter=extra[conf["id"]]["idesk_group_filter"],
            )
        return res

    # ------------------------------------------------------------------
    # Directory down: a clear message instead of "wrong login"
    # ------------------------------------------------------------------
    def _idesk_directory_down_error(self):
        env = self.env["res.users"]._idesk_login_env().env
        return IdeskDirectoryUnavailable(
            env._(
                "The staff directory (LDAP) cannot be reached at the moment, so your password "
                "cannot be checked. Please try again in a few minutes or call the network "
                "administrator."
            )
        )

    def _query(self, conf, filter, retrieve_attributes=None):
        try:
            conn = self._connect(conf)
            conn.simple_bind_s(conf["ldap_binddn"] or "", conf["ldap_password"] or "")
            results = conn.search_st(
                conf["ldap_base"],
                ldap.SCOPE_SUBTREE,
                filter,
                retrieve_attributes,
                timeout=60,
            )
            conn.unbind()
            return results
        except DIRECTORY_DOWN_ERRORS as e:
            _logger.warning("LDAP directory %s unreachable: %s", conf["ldap_server"], e)
            raise self._idesk_directory_down_error() from e
        except ldap.LDAPError:
            return super()._query(conf, filter, retrieve_attributes=retrieve_attributes)

    def _authenticate(self, conf, login, password):
        if not password:
            return False
        dn, entry = self._get_entry(conf, login)
        if not dn:
            return False
        try:
            conn = self._connect(conf)
            conn.simple_bind_s(dn, password)
            conn.unbind()
        except ldap.INVALID_CREDENTIALS:
            return False
        except DIRECTORY_DOWN_ERRORS as e:
            raise self._idesk_directory_down_error() from e
        except ldap.LDAPError as e:
            _logger.error("An LDAP exception occurred: %s", e)
            return False
        return entry

    # ------------------------------------------------------------------
    # Agency and roles from the directory
    # ------------------------------------------------------------------
    @api.model
    def _idesk_entry_values(self, conf, ldap_entry):
        """Agency and iDESK roles of an LDAP entry, from the mappings of ``conf``."""
        dn, attrs = ldap_entry
        config = self.sudo().browse(conf["id"])
        attribute = conf.get("idesk_agency_attribute") or "ou"
        raw = [
            v.decode() if isinstance(v, bytes) else v for v in attrs.get(attribute, [])
        ]
        if not raw:
            raw = [
                rdn.split("=", 1)[1]
                for rdn in ldap.dn.explode_dn(dn)
                if rdn.lower().startswith("ou=")
            ][:1]
        agency = self.env["idesk.agency"]
        agency_maps = {
            m.ldap_value.strip().lower(): m.agency_id
            for m in config.idesk_mapping_ids.filtered(lambda m: m.kind == "agency")
        }
        for value in raw:
            agency = agency_maps.get(value.strip().lower()) or self.env[
                "idesk.agency"
            ].sudo().search([("organ_code", "=", value.strip())], limit=1)
            if agency:
                break
        group_maps = config.idesk_mapping_ids.filtered(lambda m: m.kind == "group")
        groups = self.env["res.groups"]
        if group_maps:
            group_filter = (conf.get("idesk_group_filter") or "(member=%(dn)s)") % {
                "dn": filter_format("%s", [dn])
            }
            member_of = {
                gdn.lower()
                for gdn, _attrs in self._query(conf, group_filter, ["cn"])
                if gdn
            }
            normalized = {",".join(ldap.dn.explode_dn(g.lower())) for g in member_of}
            for mapping in group_maps:
                value = ",".join(ldap.dn.explode_dn(mapping.ldap_value.strip().lower()))
                if value in normalized:
                    groups |= mapping.group_id
        return agency, groups, group_maps.mapped("group_id")

    def _get_or_create_user(self, conf, login, ldap_entry):
        # a first login creates the account: the security log attributes it to the directory
        return super(
            ResCompanyLdap, self.with_context(idesk_directory=conf["id"])
        )._get_or_create_user(conf, login, ldap_entry)

    def _map_ldap_attributes(self, conf, login, ldap_entry):
        values = super()._map_ldap_attributes(conf, login, ldap_entry)
        agency, groups, _managed = self._idesk_entry_values(conf, ldap_entry)
        mail = ldap_entry[1].get("mail")
        if mail and not values.get("email"):
            values["email"] = (
                mail[0].decode() if isinstance(mail[0], bytes) else mail[0]
            )
        values["agency_id"] = agency.id
        values["idesk_ldap_id"] = conf["id"]
        if groups:
            values["groups_id"] = [(4, g.id) for g in groups]
        return values

    def _idesk_refresh_user(self, conf, user, ldap_entry):
        """Align agency and mapped roles of ``user`` with the directory (at every login)."""
        agency, groups, managed = self._idesk_entry_values(conf, ldap_entry)
        vals = {}
        if agency and user.agency_id != agency:
            vals["agency_id"] = agency.id
        removed = managed - groups - groups.trans_implied_ids
        commands = [(3, g.id) for g in removed if g in user.groups_id]
        commands += [(4, g.id) for g in groups if g not in user.groups_id]
        if commands:
            vals["groups_id"] = commands
        if user.idesk_ldap_id.id != conf["id"]:
            vals["idesk_ldap_id"] = conf["id"]
        if vals:
            # the security log attributes these changes to the directory
            user.sudo().with_context(idesk_directory=conf["id"]).write(vals)
