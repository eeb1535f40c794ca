import logging

from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

ROLE_GROUPS = (
    "idesk_security.group_idesk_officer",
    "idesk_security.group_idesk_clerk",
    "idesk_security.group_idesk_leader",
    "idesk_security.group_idesk_it_officer",
    "idesk_security.group_idesk_admin",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    agency_id = fields.Many2one(
        "idesk.agency",
        index=True,
        ondelete="restrict",
        help="The agency this person works for; it decides which documents they see.",
    )
    idesk_blocked = fields.Boolean(
        string="Blocked",
        readonly=True,
        copy=False,
        help="A blocked account cannot log in until a network administrator unblocks it "
        "and sets a new password (regulation, article 7.3).",
    )
    idesk_blocked_reason = fields.Text(
        string="Reason of the block", readonly=True, copy=False
    )
    idesk_blocked_date = fields.Datetime(string="Blocked on", readonly=True, copy=False)
    idesk_session_generation = fields.Integer(
        string="Session generation",
        readonly=True,
        copy=False,
        help="Raised at every block: it changes the session token, which ends all sessions.",
    )
    idesk_ldap_id = fields.Many2one(
        "res.company.ldap",
        string="LDAP server",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["agency_id", "idesk_blocked"]

    def _check_password_policy(self, passwords):
        # Passwords written by module data files (demo accounts, password = login) are
        # not typed by a person; every password set by a person follows the policy.
        if self.env.context.get("install_filename"):
            return
        return super()._check_password_policy(passwords)

    # ------------------------------------------------------------------
    # Sessions and login
    # ------------------------------------------------------------------
    def _get_session_token_fields(self):
        return super()._get_session_token_fields() | {"idesk_session_generation"}

    def _check_credentials(self, credential, env):
        user = self.env.user
        if user.sudo().idesk_blocked:
            raise AccessDenied(
                self._idesk_login_env().env._(
                    "This account is blocked for safety. Please contact the network "
                    "administrator, who will unblock it and give you a new password."
                )
            )
        try:
            auth_info = super()._check_credentials(credential, env)
        except AccessDenied as e:
            if (
                e.__class__.__name__ == "IdeskDirectoryUnavailable"
                and user.sudo()._idesk_has_local_password()
            ):
                # a local account with a wrong password: say nothing about the directory
                raise AccessDenied() from None
            raise
        if auth_info and auth_info.get("auth_method") == "ldap":
            self._idesk_refresh_from_ldap()
        return auth_info

    def _idesk_login_env(self):
        """``self`` in the language of the login page (no user language is known yet)."""
        lang = None
        if request:
            try:
                lang = request.best_lang
            except Exception:  # noqa: BLE001 - no full HTTP request (e.g. RPC)
                lang = None
        return self.with_context(lang=lang or self.env.user.lang or self.env.lang)

    def _idesk_has_local_password(self):
        self.env.cr.execute(
            "SELECT password IS NOT NULL FROM res_users WHERE id = %s", [self.id]
        )
        row = self.env.cr.fetchone()
        return bool(row and row[0]) and not self.idesk_ldap_id

    def _idesk_refresh_from_ldap(self):
        """Agency and roles of an LDAP user follow the directory at every login."""
        user = self.env.user
        Ldap = self.env["res.company.ldap"].sudo()
        for conf in Ldap._get_ldap_dicts():
            dn, entry = Ldap._get_entry(conf, user.login)
            if dn:
                Ldap._idesk_refresh_user(conf, user.sudo(), entry)
                return

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        login = credential.get("login")
        try:
            auth_info = super()._login(db, credential, user_agent_env=user_agent_env)
        except AccessDenied as e:
            cls._idesk_log_login(
                db, "login_failure", login, e.args[0] if e.args else ""
            )
            raise
        cls._idesk_log_login(db, "login_success", login, "", auth_info.get("uid"))
        return auth_info

    @classmethod
    def _idesk_log_login(cls, db, event, login, description, uid=None):
        ip = request.httprequest.environ.get("REMOTE_ADDR") if request else False
        try:
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                Users = env["res.users"].with_context(active_test=False)
                user = (
                    Users.browse(uid)
                    if uid
                    else Users.search([("login", "=", login)], limit=1)
                )
                env["idesk.security.log"]._log_event(
                    event,
                    user=user,
                    login=login,
                    description=description or False,
                    ip=ip,
                )
        except Exception:  # never let logging break a login
            _logger.exception("Could not write the security log for login %s", login)

    # ------------------------------------------------------------------
    # Account safety (regulation art. 7.3)
    # ------------------------------------------------------------------
    def action_report_compromised(self):
        """The user reports that their own account may be compromised."""
        self.ensure_one()
        if self != self.env.user:
            raise AccessError(_("You can report only your own account as compromised."))
        self._do_block(
            _("Reported compromised by its owner."), event="compromise_report"
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/session/logout",
            "target": "self",
        }

    def action_idesk_block(self):
        self._check_idesk_admin()
        if self.env.user in self:
            raise UserError(_("You cannot block your own account."))
        self.filtered(lambda user: not user.idesk_blocked)._do_block(
            _("Blocked by the network administrator %(name)s.", name=self.env.user.name)
        )
        return True

    def action_idesk_unblock(self):
        self._check_idesk_admin()
        return {
            "type": "ir.actions.act_window",
            "name": _("Unblock account"),
            "res_model": "idesk.account.unblock.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_user_ids": self.ids},
        }

    def _check_idesk_admin(self):
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(
                _("Only a network administrator can block or unblock accounts.")
            )

    def _do_block(self, reason, event="block"):
        now = fields.Datetime.now()
        # sudo: the caller checked the right to block; the entry below gives the reason
        for user in self.sudo().with_context(idesk_block_logged=True):
            user.write(
                {
                    "idesk_blocked": True,
                    "idesk_blocked_reason": reason,
                    "idesk_blocked_date": now,
                    "idesk_session_generation": user.idesk_session_generation + 1,
                }
            )
            self.env["idesk.security.log"]._log_event(
                event, user=user, description=reason
            )
            self.env["res.users"].sudo()._idesk_notify_admins(
                _(
                    "Account blocked: %(name)s (%(login)s)",
                    name=user.name,
                    login=user.login,
                ),
                _(
                    "The account %(name)s (%(login)s) has been blocked: %(reason)s "
                    "All its sessions have ended. Check the security log, then unblock it "
                    "with a new password.",
                    name=user.name,
                    login=user.login,
                    reason=reason,
                ),
                user,
            )

    def _do_unblock(self, password):
        # sudo: the wizard checked the right to unblock; the entry below says how
        for user in self.sudo().with_context(idesk_block_logged=True):
            user.write(
                {
                    "password": password,
                    "idesk_blocked": False,
                    "idesk_blocked_reason": False,
                    "idesk_blocked_date": False,
                    "idesk_session_generation": user.idesk_session_generation + 1,
                }
            )
            self.env["idesk.security.log"]._log_event(
                "unblock", user=user, description=_("Unblocked with a new password.")
            )

    @api.model
    def _idesk_notify_admins(self, subject, body, record, except_users=None):
        """Give every network administrator (but ``except_users``) an activity on
        ``record`` and queue an e-mail."""
        admins = (
            self.env.ref("idesk_security.group_idesk_admin")
            .sudo()
            .users.filtered(lambda u: u.active and not u._is_superuser())
        ) - (except_users or self.env["res.users"])
        if not admins:
            return
        if record._name == "res.users":
            record = (
                record.partner_id
            )  # res.users has no activities: use the person's contact
        model = self.env["ir.model"]._get(record._name)
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        for admin in admins:
            # no assignment notification: the e-mail below is the notification
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(
                {
                    "res_model_id": model.id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": subject,
                    "note": body,
                    "user_id": admin.id,
                }
            )
        emails = [a.email_formatted for a in admins if a.email]
        if emails:
            self.env["mail.mail"].sudo().create(
                {
                    "subject": subject,
                    "body_html": Markup("<p>%s</p>") % body,
                    "email_to": ", ".join(emails),
                    "auto_delete": False,
                }
            )

    # ------------------------------------------------------------------
    # Two-factor authentication for leaders and administrators
    # ------------------------------------------------------------------
    def _mfa_type(self):
        res = super()._mfa_type()
        if res is not None:
            return res
        required = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_security.totp_required_roles")
        )
        if required and (
            self.has_group("idesk_security.group_idesk_leader")
            or self.has_group("idesk_security.group_idesk_admin")
        ):
            return "totp_mail"
        return None

    # ------------------------------------------------------------------
    # Accounts not used for N days (regulation art. 7.1)
    # ------------------------------------------------------------------
    @api.model
    def _idesk_inactive_user_ids(self, days):
        self.env["res.users.log"].flush_model()
        self.env.cr.execute(
            """
            SELECT u.id
              FROM res_users u
              LEFT JOIN res_users_log l ON l.create_uid = u.id
             WHERE u.active AND NOT u.share AND u.id != %s
             GROUP BY u.id
            HAVING COALESCE(MAX(l.create_date), '1970-01-01') < (now() at time zone 'UTC') - make_interval(days => %s)
            """,
            [SUPERUSER_ID, days],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _idesk_action_inactive_users(self):
        self._check_idesk_admin()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_security.inactive_days", 90)
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Accounts not logged in for %(days)s days", days=days),
            "res_model": "res.users",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self._idesk_inactive_user_ids(days))],
            "context": {"create": False},
        }
