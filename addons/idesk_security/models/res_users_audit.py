import logging
from typing import NamedTuple

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Fields of an account whose change is a security event (regulation art. 7).
AUDITED_FIELDS = {"agency_id", "groups_id", "active", "idesk_blocked", "login"}
# Groups a person sets in their own preferences: not roles.
PREFERENCE_GROUPS = ("mail.group_mail_notification_type_inbox",)


def is_audited(vals):
    """Whether ``vals`` of a res.users write may change the security of the accounts
    (the Settings form writes the roles as in_group_<id> / sel_groups_<ids>)."""
    return any(
        key in AUDITED_FIELDS or key.startswith(("in_group_", "sel_groups_"))
        for key in vals
    )


class AccountState(NamedTuple):
    agency: models.BaseModel
    roles: models.BaseModel
    active: bool
    blocked: bool
    login: str


class AccountChange(NamedTuple):
    """What a change did to one account; ``None`` where nothing changed."""

    agency: tuple | None  # (old, new) idesk.agency
    added: models.BaseModel  # res.groups
    removed: models.BaseModel
    active: bool | None
    blocked: bool | None
    login: tuple | None  # (old, new)

    @property
    def changed(self):
        return bool(
            self.agency
            or self.added
            or self.removed
            or self.login
            or self.active is not None
            or self.blocked is not None
        )

    def changes_agency_or(self, roles):
        """Whether the change moves the person or changes one of ``roles``."""
        return bool(self.agency or (self.added | self.removed) & roles)

    @property
    def event(self):
        if self.agency:
            return "agency_change"
        if self.added or self.removed:
            return "role_change"
        if self.login:
            return "login_change"
        if self.active is not None:
            return "account_restore" if self.active else "account_archive"
        return "block" if self.blocked else "unblock"


class ResUsers(models.Model):
    """Security-relevant changes of accounts are written in the security log.

    ========================================  =====================  ==================
    Change                                    Who may                Security log
    ========================================  =====================  ==================
    agency, roles, login, archive of others   network administrator  one entry per person
    one's own agency or iDESK roles           the superuser (install,  refused, recorded as
                                              shell), the directory    ``self_change``, the
                                              at LDAP login            other admins warned
    block / unblock                           network administrator  ``block``/``unblock``
    preferences (language, time zone, ...)    the person             nothing
    ========================================  =====================  ==================

    Roles changed from a group (its users, its implied groups) are logged the same way
    (``res_groups.py``).
    """

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._idesk_log_created()
        return users

    def write(self, vals):
        if not is_audited(vals):
            return super().write(vals)
        return self._idesk_audit(self, lambda: super(ResUsers, self).write(vals))

    # ------------------------------------------------------------------
    # The audit
    # ------------------------------------------------------------------
    @api.model
    def _idesk_audit(self, users, change):
        """Run ``change`` (a function), then log once per person what it changed of the
        security of ``users``. A change of one's own agency or iDESK roles is refused,
        leaving nothing changed, and recorded."""
        directory = self._idesk_directory()
        # block/unblock actions write their own entry, with the reason
        block_logged = self.env.su and self.env.context.get("idesk_block_logged")
        # sudo: the log records the accounts as they are, whatever the actor may read
        users = users.sudo().with_context(active_test=False)
        before = users._idesk_account_state()
        if self.env.su or self.env.user.id not in users.ids:
            result = change()
            changes = users._idesk_changes(before, block_logged)
            users._idesk_log_changes(changes, directory)
            return result
        try:
            with self.env.cr.savepoint():
                result = change()
                changes = users._idesk_changes(before, block_logged)
                own = changes.get(self.env.user.id)
                if own and own.changes_agency_or(self._idesk_roles()):
                    raise _OwnChangeRefused(own)
        except _OwnChangeRefused as refused:
            # the rolled-back change may have filled the registry's caches (groups,
            # access rights) with what it did
            self.env.registry.clear_cache("default", "groups")
            self._idesk_refuse_own_change(refused.change)
        users._idesk_log_changes(changes, directory)
        return result

    def _idesk_account_state(self):
        preferences = self._idesk_preference_groups()
        return {
            user.id: AccountState(
                user.agency_id,
                user.groups_id - preferences,
                user.active,
                user.idesk_blocked,
                user.login,
            )
            for user in self
        }

    def _idesk_changes(self, before, block_logged=False):
        """{user id: AccountChange} of the accounts of ``self`` that changed since
        ``before``; the block flag is left out when the block action logs it."""
        self.invalidate_recordset(["groups_id"])  # the group side adds members in SQL
        changes = {}
        for user_id, now in self._idesk_account_state().items():
            old = before[user_id]
            change = AccountChange(
                agency=(old.agency, now.agency) if old.agency != now.agency else None,
                added=now.roles - old.roles,
                removed=old.roles - now.roles,
                active=now.active if old.active != now.active else None,
                blocked=(
                    now.blocked
                    if old.blocked != now.blocked and not block_logged
                    else None
                ),
                login=(old.login, now.login) if old.login != now.login else None,
            )
            if change.changed:
                changes[user_id] = change
        return changes

    def _idesk_log_changes(self, changes, directory):
        for user in self.filtered(lambda u: u.id in changes):
            user = user._idesk_in_lang()
            change = changes[user.id]
            user._idesk_log_account_event(
                change.event, user._idesk_describe(change), directory
            )

    def _idesk_log_created(self):
        directory = self._idesk_directory()
        roles = self._idesk_roles()
        preferences = self._idesk_preference_groups()
        # sudo: the new account's groups, whatever the creator may read of them
        for user in self.sudo().filtered(lambda u: u.groups_id & roles):
            user = user._idesk_in_lang()
            description = user.env._(
                "Account created in %(agency)s with the roles: %(roles)s.",
                agency=user.agency_id.display_name or "-",
                roles=user._idesk_role_names(user.groups_id - preferences),
            )
            user._idesk_log_account_event("account_create", description, directory)

    def _idesk_log_account_event(self, event, description, directory):
        """One entry about the account ``self``, done by the current user or, when
        ``directory`` is set, by the staff directory (nobody: not the person logging in)."""
        actor = None
        if directory:
            actor = self.env["res.users"]
            description += " " + self.env._(
                "Updated by the staff directory (LDAP %(server)s) at login.",
                server=directory.display_name,
            )
        self.env["idesk.security.log"]._log_event(
            event, user=self, description=description, actor=actor
        )

    def _idesk_refuse_own_change(self, change):
        """Nobody changes their own agency or roles, not even a network administrator:
        another one must do it. The attempt is recorded and the others are warned."""
        actor = self.env.user._idesk_in_lang()
        _ = actor.env._
        changes = actor._idesk_describe(change)
        description = _(
            "Refused: %(name)s tried to change their own account. %(changes)s",
            name=actor.name,
            changes=changes,
        )
        subject = _(
            "Attempt to change one's own account: %(name)s (%(login)s)",
            name=actor.name,
            login=actor.login,
        )
        body = _(
            "%(name)s (%(login)s) tried to change their own agency or roles, which was "
            "refused: %(changes)s Check the security log.",
            name=actor.name,
            login=actor.login,
            changes=changes,
        )
        # The refusal rolls this transaction back: the attempt is kept by one of its own.
        try:
            with self.env.registry.cursor() as cr:
                env = self.env(cr=cr)
                env["idesk.security.log"]._log_event(
                    "self_change", user=env.user, description=description
                )
                # sudo: warning the administrators is the system's job, not the actor's
                env["res.users"].sudo()._idesk_notify_admins(
                    subject, body, env.user, except_users=env.user
                )
        except Exception:  # the refusal stands even if it cannot be recorded
            _logger.exception("Could not record the refused change of %s", actor.login)
        raise UserError(
            _(
                "You cannot change your own agency or roles: another network "
                "administrator must do it. The attempt has been recorded in the security "
                "log."
            )
        )

    # ------------------------------------------------------------------
    # How a change reads in the log
    # ------------------------------------------------------------------
    def _idesk_describe(self, change):
        """``change`` in words, in the language of ``self.env``."""
        _ = self.env._
        parts = []
        if change.agency:
            old, new = (agency.with_env(self.env) for agency in change.agency)
            parts.append(
                _(
                    "Agency: %(old)s → %(new)s.",
                    old=old.display_name or "-",
                    new=new.display_name or "-",
                )
            )
        if change.added:
            parts.append(
                _("Roles added: %(roles)s.", roles=self._idesk_role_names(change.added))
            )
        if change.removed:
            parts.append(
                _(
                    "Roles removed: %(roles)s.",
                    roles=self._idesk_role_names(change.removed),
                )
            )
        if change.login:
            parts.append(
                _("Login: %(old)s → %(new)s.", old=change.login[0], new=change.login[1])
            )
        if change.active is not None:
            parts.append(
                _("Account restored.") if change.active else _("Account archived.")
            )
        if change.blocked is not None:
            parts.append(
                _(
                    "Blocked by a direct change of the account, without the block action."
                )
                if change.blocked
                else _(
                    "Unblocked by a direct change of the account, without a new password."
                )
            )
        return " ".join(parts)

    def _idesk_role_names(self, groups):
        """The groups a person was given or lost, without those they merely imply."""
        groups = groups.with_env(self.env)
        shown = groups - groups.trans_implied_ids
        # not full_name: computed once per transaction, whatever the language
        return ", ".join(
            sorted(
                f"{group.category_id.name} / {group.name}"
                if group.category_id
                else group.name
                for group in shown
            )
        )

    def _idesk_in_lang(self):
        """``self`` in the language of the request, else in the person's own (at an LDAP
        login no language is known yet)."""
        return self.with_context(lang=self.env.context.get("lang") or self.lang)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _idesk_directory(self):
        """The LDAP server doing the change, when the staff directory is doing it. Only
        honoured as superuser: a context key sent by a client changes nothing."""
        server_id = self.env.context.get("idesk_directory")
        if not (self.env.su and server_id):
            return self.env["res.company.ldap"]
        return self.env["res.company.ldap"].sudo().browse(server_id).exists()

    @api.model
    def _idesk_roles(self):
        """The iDESK roles, those nobody may change for themselves."""
        # not yet there while the addon's first data file is being installed
        category = self.env.ref(
            "idesk_security.module_category_idesk", raise_if_not_found=False
        )
        if not category:
            return self.env["res.groups"]
        return self.env["res.groups"].sudo().search([("category_id", "=", category.id)])

    @api.model
    def _idesk_preference_groups(self):
        groups = self.env["res.groups"]
        for xmlid in PREFERENCE_GROUPS:
            groups |= self.env.ref(xmlid, raise_if_not_found=False) or groups
        return groups


class _OwnChangeRefused(Exception):
    """Leaves the savepoint (undoing the change) before the refusal is recorded."""

    def __init__(self, change):
        super().__init__()
        self.change = change
