"""Password reset through the network administrator's procedure (regulation
art. 5, 7.2, 7.3).

The unit's IT officer helps their colleagues use iDESK (art. 7.2) but does not
hold their passwords: when a colleague has lost theirs, the IT officer files a
request with the reason; a network administrator approves it, which sets a
temporary password shown once to the administrator (never stored, never
logged), ends the account's sessions, and the colleague changes it after
logging in. Every step is written in the security log. An account whose
password is kept in the LDAP directory is refused: its password changes in
the directory, not in iDESK.
"""

import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# No look-alike characters (0/O, 1/l/I): the password is read aloud or copied by hand.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 14
ADMIN_GROUP = "idesk_security.group_idesk_admin"


class IdeskSecurityLog(models.Model):
    _inherit = "idesk.security.log"

    event = fields.Selection(
        selection_add=[
            ("password_reset_request", "Password reset requested"),
            ("password_reset_approve", "Password reset approved"),
            ("password_reset_refuse", "Password reset refused"),
        ],
        ondelete={
            "password_reset_request": "cascade",
            "password_reset_approve": "cascade",
            "password_reset_refuse": "cascade",
        },
    )


class IdeskPasswordRequest(models.Model):
    _name = "idesk.password.request"
    _description = "Password reset request"
    _inherit = ["idesk.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('share', '=', False)]",
    )
    agency_id = fields.Many2one(
        "idesk.agency",
        string="Agency",
        compute="_compute_agency_id",
        store=True,
        index=True,
        help="The account's agency when the request was made.",
    )
    reason = fields.Text(required=True, size=2000)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="requested",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decision_date = fields.Datetime(string="Decided on", readonly=True)

    @api.depends("user_id")
    def _compute_agency_id(self):
        for request in self:
            # fixed at the request: a later move of the account does not move it
            if not request.agency_id:
                request.agency_id = request.user_id.agency_id

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_account_can_be_reset(self, user):
        """Refuse, with the reason, an account whose password iDESK cannot reset."""
        if user.sudo().idesk_ldap_id:
            raise UserError(
                _(
                    "The password of %(name)s is kept in the LDAP directory: it is changed "
                    "there, by the directory's administrator, not in iDESK.",
                    name=user.name,
                )
            )
        if user.sudo().idesk_blocked:
            raise UserError(
                _(
                    "The account of %(name)s is blocked: the network administrator unblocks "
                    "it with a new password.",
                    name=user.name,
                )
            )
        if not user.active or user.share:
            raise UserError(_("%(name)s has no active staff account.", name=user.name))

    @api.model_create_multi
    def create(self, vals_list):
        me = self.env.user
        Users = self.env["res.users"]
        for vals in vals_list:
            user = Users.browse(vals.get("user_id")).exists()
            if not user:
                raise UserError(_("Choose the account whose password is lost."))
            agency = user.agency_id
            if not (self.env.su or me.has_group(ADMIN_GROUP)) and not (
                agency and (agency == me.agency_id or agency.it_officer_id == me)
            ):
                raise AccessError(
                    _(
                        "You may ask a password reset only for the staff of your own agency."
                    )
                )
            if user.sudo().has_group(ADMIN_GROUP) or user.sudo().has_group(
                "base.group_system"
            ):
                raise UserError(
                    _(
                        "The password of an administrator is reset by another network "
                        "administrator in the settings, not by request."
                    )
                )
            self._check_account_can_be_reset(user)
            if not (vals.get("reason") or "").strip():
                raise UserError(_("Write why the password must be reset."))
            # sudo: is a request already waiting, whoever filed it (rule-independent)
            if self.sudo().search_count(
                [("user_id", "=", user.id), ("state", "=", "requested")]
            ):
                raise UserError(
                    _(
                        "A password reset of %(name)s is already waiting for the network "
                        "administrator.",
                        name=user.name,
                    )
                )
        requests = super().create(vals_list)
        Log = self.env["idesk.security.log"]
        for request in requests:
            Log._log_event(
                "password_reset_request",
                user=request.user_id,
                description=request.reason,
                record=request,
            )
            self.env["res.users"].sudo()._idesk_notify_admins(
                _("Password reset requested: %(name)s", name=request.user_id.name),
                _(
                    "%(who)s asks to reset the password of %(name)s (%(login)s): %(reason)s",
                    who=self.env.user.name,
                    name=request.user_id.name,
                    login=request.user_id.login,
                    reason=request.reason,
                ),
                request,
            )
        return requests

    def _check_admin(self):
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                _(
                    "Only a network administrator can approve or refuse a password reset."
                )
            )
        self.check_access("write")
        for request in self:
            if request.state != "requested":
                raise UserError(
                    _(
                        "The password reset of %(name)s has already been decided.",
                        name=request.user_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # The network administrator's decision
    # ------------------------------------------------------------------
    def action_approve(self):
        """Set a temporary password, shown once in the answer to the
        administrator who approves (not stored, not logged)."""
        self.ensure_one()
        self._check_admin()
        user = self.user_id
        self._check_account_can_be_reset(user)
        password = "".join(
            secrets.choice(PASSWORD_ALPHABET) for _i in range(PASSWORD_LENGTH)
        )
        # sudo: the approver is a network administrator (checked above); the
        # sessions of the account end with the old password.
        user.sudo().write(
            {
                "password": password,
                "idesk_session_generation": user.sudo().idesk_session_generation + 1,
            }
        )
        self._decide("approved")
        self.env["idesk.security.log"]._log_event(
            "password_reset_approve",
            user=user,
            description=_(
                "Temporary password set; request: %(reason)s", reason=self.reason
            ),
            record=self,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Temporary password of %(name)s", name=user.name),
                "message": _(
                    "%(password)s — give it to %(name)s in person; it is shown only "
                    "now. They change it in their preferences after logging in.",
                    password=password,
                    name=user.name,
                ),
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_refuse(self):
        self._check_admin()
        for request in self:
            request._decide("refused")
            self.env["idesk.security.log"]._log_event(
                "password_reset_refuse",
                user=request.user_id,
                description=request.reason,
                record=request,
            )
        return True

    def _decide(self, state):
        # sudo: the decision fields are the system's (protected); the caller
        # checked that the user is a network administrator
        self.sudo().write(
            {
                "state": state,
                "decided_by_id": self.env.user.id,
                "decision_date": fields.Datetime.now(),
            }
        )
        # the administrators' to-do about the request is done
        label = dict(self._fields["state"]._description_selection(self.env))[state]
        self.sudo().activity_ids.action_feedback(feedback=label)
