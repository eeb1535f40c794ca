import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

EVENTS = [
    ("login_success", "Login succeeded"),
    ("login_failure", "Login failed"),
    ("compromise_report", "Account reported compromised"),
    ("block", "Account blocked"),
    ("unblock", "Account unblocked"),
    ("role_change", "Roles changed"),
    ("agency_change", "Agency changed"),
    ("login_change", "Login changed"),
    ("account_create", "Account created"),
    ("account_archive", "Account archived"),
    ("account_restore", "Account restored"),
    ("self_change", "Own account change refused"),
    ("content_report", "Harmful content reported"),
    ("content_review", "Reported content reviewed"),
]


class IdeskSecurityLog(models.Model):
    """Security log of regulation art. 7: written only by the system, never changed."""

    _name = "idesk.security.log"
    _description = "Security log"
    _order = "id desc"
    _rec_name = "event"

    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Account", readonly=True, index=True, ondelete="set null"
    )
    login = fields.Char(readonly=True, index=True)
    agency_id = fields.Many2one(
        "idesk.agency", readonly=True, index=True, ondelete="set null"
    )
    actor_id = fields.Many2one(
        "res.users", string="Done by", readonly=True, ondelete="set null"
    )
    ip_address = fields.Char(string="IP address", readonly=True)
    description = fields.Text(readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True)

    @api.depends("event")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the event's translated name, not its code (breadcrumbs, links)
        labels = dict(self._fields["event"]._description_selection(self.env))
        for entry in self:
            entry.display_name = labels.get(entry.event, entry.event or "")

    @api.model
    def _log_event(
        self,
        event,
        user=None,
        login=None,
        description=None,
        record=None,
        ip=None,
        actor=None,
    ):
        """Record a security event (as superuser: no user can create entries directly).

        ``actor``: who did it when it is not the current user; an empty recordset for
        the system (e.g. the staff directory refreshing an account at login)."""
        if actor is None:
            actor = (
                self.env.user
                if not self.env.user._is_public()
                else self.env["res.users"]
            )
        if ip is None:
            try:
                ip = request.httprequest.remote_addr if request else False
            except RuntimeError:
                ip = False
        user = user or self.env["res.users"]
        vals = {
            "event": event,
            "user_id": user.id,
            "login": login or user.login,
            "agency_id": user.agency_id.id if user else actor.agency_id.id,
            "actor_id": actor.id if actor and not actor._is_superuser() else False,
            "ip_address": ip or False,
            "description": description,
            "res_model": record._name if record else False,
            "res_id": record.id if record else False,
        }
        return self.sudo().with_context(idesk_security_log=True).create(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su and self.env.context.get("idesk_security_log")):
            self.browse().check_access("create")
            raise UserError(_("Security log entries are written by the system only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        self.check_access("write")
        raise UserError(_("Security log entries cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Security log entries cannot be deleted."))

    def action_open_document(self):
        self.ensure_one()
        if not (self.res_model and self.res_id and self.res_model in self.env):
            raise UserError(_("This entry is not about a document."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
