import os
import shutil
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import config
from odoo.tools.misc import format_datetime, human_size

STATUSES = [("ok", "OK"), ("warning", "Warning"), ("error", "Error")]
# Errors first, then warnings, then what is fine.
SEVERITY = {"error": 0, "warning": 1, "ok": 2}
# A job whose next call is this much in the past did not run when it should have
# (the cron worker looks for due jobs every minute).
CRON_LATE_MINUTES = 60
MAIL_QUEUE_LATE_MINUTES = 60
BACKUP_MAX_AGE_HOURS = 26
FAILED_LOGINS_WARNING = 10
DISK_FREE_WARNING_RATIO = 0.10


class IdeskHealthLine(models.TransientModel):
    """The system health view of the network administrator (regulation art. 5).

    The lines are computed each time the view is opened by ``_get_health_lines()``,
    which returns a list of dicts with the keys ``sequence``, ``category``, ``name``,
    ``value``, ``status`` (``ok`` / ``warning`` / ``error``) and optionally ``action``
    (an action dict opening the records behind the line). Other addons add their
    lines by extending it::

        @api.model
        def _get_health_lines(self):
            lines = super()._get_health_lines()
            lines.append({"sequence": 250, "category": ..., "name": ..., ...})
            return lines

    The methods collecting the lines run as superuser: only the network
    administrator opens the view (``action_open_health``) and the lines show
    counts and dates, never the content of a document.
    """

    _name = "idesk.health.line"
    _description = "System health check"
    _inherit = ["idesk.input.mixin"]
    _order = "severity, sequence, id"
    _transient_max_hours = 1.0

    sequence = fields.Integer(default=10)
    category = fields.Char()
    name = fields.Char(string="Check", required=True)
    value = fields.Char()
    status = fields.Selection(STATUSES, required=True, default="ok")
    severity = fields.Integer(compute="_compute_severity", store=True)
    action = fields.Json()
    has_action = fields.Boolean(compute="_compute_has_action")

    @api.depends("status")
    def _compute_severity(self):
        for line in self:
            line.severity = SEVERITY.get(line.status, len(SEVERITY))

    @api.depends("action")
    def _compute_has_action(self):
        for line in self:
            line.has_action = bool(line.action)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_open_health(self):
        """Compute the lines afresh and open them (network administrator only)."""
        self._check_can_see_health()
        self._do_refresh()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "idesk_security.idesk_health_line_action"
        )
        action["domain"] = [("create_uid", "=", self.env.uid)]
        return action

    def action_refresh(self):
        """The list's Refresh button: new lines, shown in the same view."""
        self._check_can_see_health()
        self._do_refresh()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open(self):
        self.ensure_one()
        self._check_can_see_health()
        return self.action or False

    @api.model
    def _check_can_see_health(self):
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(
                _("Only a network administrator can see the health of the system.")
            )

    @api.model
    def _do_refresh(self):
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        keys = (
            set(self._fields) - set(models.MAGIC_COLUMNS) - {"has_action", "severity"}
        )
        return self.create(
            [
                {key: value for key, value in line.items() if key in keys}
                for line in self.sudo()._get_health_lines()
            ]
        )

    # ------------------------------------------------------------------
    # The lines
    # ------------------------------------------------------------------
    @api.model
    def _get_health_lines(self):
        return (
            self._health_cron_lines()
            + self._health_mail_lines()
            + self._health_storage_lines()
            + self._health_backup_lines()
            + self._health_login_lines()
        )

    @api.model
    def _health_datetime(self, value):
        return (
            format_datetime(self.env, value, dt_format="short") if value else _("never")
        )

    @api.model
    def _health_list_action(self, name, model, domain, context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": context or {},
        }

    @api.model
    def _health_cron_lines(self):
        """iDESK's jobs one by one; Odoo's own jobs (of the other modules) apart,
        one by one only when they fail or are late, else counted on one line."""
        now = fields.Datetime.now()
        late_limit = now - timedelta(minutes=CRON_LATE_MINUTES)
        crons = self.env["ir.cron"].search([("active", "=", True)], order="id")
        idesk_ids = set(
            self.env["ir.model.data"]
            .search(
                [
                    ("model", "=", "ir.cron"),
                    ("res_id", "in", crons.ids),
                    ("module", "=like", "idesk\\_%"),
                ]
            )
            .mapped("res_id")
        )
        idesk_category = _("Scheduled jobs")
        odoo_category = _("Odoo's scheduled jobs")
        lines = []
        odoo_fine = self.env["ir.cron"]
        for index, cron in enumerate(crons):
            value = _(
                "Last run: %(last)s; next: %(next)s",
                last=self._health_datetime(cron.lastcall),
                next=self._health_datetime(cron.nextcall),
            )
            status = "ok"
            if cron.failure_count:
                status = "error"
                value += " " + _(
                    "(failed %(count)s times in a row since %(date)s)",
                    count=cron.failure_count,
                    date=self._health_datetime(cron.first_failure_date),
                )
            elif cron.nextcall < late_limit:
                status = "warning"
                value += " " + _("(late)")
            is_idesk = cron.id in idesk_ids
            if not is_idesk and status == "ok":
                odoo_fine |= cron
                continue
            lines.append(
                {
                    "sequence": (100 if is_idesk else 150) + index,
                    "category": idesk_category if is_idesk else odoo_category,
                    "name": cron.name,
                    "value": value,
                    "status": status,
                    "action": {
                        "type": "ir.actions.act_window",
                        "res_model": "ir.cron",
                        "res_id": cron.id,
                        "views": [(False, "form")],
                    },
                }
            )
        if odoo_fine:
            lines.append(
                {
                    "sequence": 199,
                    "category": odoo_category,
                    "name": _("Other jobs of Odoo"),
                    "value": _(
                        "%(count)s jobs, none failing or late", count=len(odoo_fine)
                    ),
                    "status": "ok",
                    "action": self._health_list_action(
                        _("Other jobs of Odoo"),
                        "ir.cron",
                        [("id", "in", odoo_fine.ids)],
                    ),
                }
            )
        return lines

    @api.model
    def _health_mail_lines(self):
        category = _("E-mail queue")
        Mail = self.env["mail.mail"]
        queued = Mail.search_count([("state", "=", "outgoing")])
        oldest = Mail.search(
            [("state", "=", "outgoing")], order="create_date, id", limit=1
        )
        late_limit = fields.Datetime.now() - timedelta(minutes=MAIL_QUEUE_LATE_MINUTES)
        failed = Mail.search_count([("state", "=", "exception")])
        return [
            {
                "sequence": 200,
                "category": category,
                "name": _("E-mails waiting to be sent"),
                "value": _(
                    "%(count)s (oldest queued: %(date)s)",
                    count=queued,
                    date=self._health_datetime(oldest.create_date),
                )
                if queued
                else "0",
                "status": "warning"
                if oldest and oldest.create_date < late_limit
                else "ok",
                "action": self._health_list_action(
                    _("E-mails waiting to be sent"),
                    "mail.mail",
                    [("state", "=", "outgoing")],
                ),
            },
            {
                "sequence": 210,
                "category": category,
                "name": _("E-mails that could not be sent"),
                "value": str(failed),
                "status": "error" if failed else "ok",
                "action": self._health_list_action(
                    _("E-mails that could not be sent"),
                    "mail.mail",
                    [("state", "=", "exception")],
                ),
            },
        ]

    @api.model
    def _health_filestore_usage(self, path):
        """(bytes, files) under ``path``; ``None`` when it does not exist."""
        if not os.path.isdir(path):
            return None
        size = count = 0
        for root, _dirs, files in os.walk(path):
            for name in files:
                try:
                    size += os.lstat(os.path.join(root, name)).st_size
                except OSError:
                    continue  # removed by the garbage collector meanwhile
                count += 1
        return size, count

    @api.model
    def _health_storage_lines(self):
        category = _("Storage")
        self.env.cr.execute("SELECT pg_database_size(current_database())")
        db_size = self.env.cr.fetchone()[0]
        path = config.filestore(self.env.cr.dbname)
        usage = self._health_filestore_usage(path)
        lines = [
            {
                "sequence": 300,
                "category": category,
                "name": _("Database size"),
                "value": human_size(db_size),
                "status": "ok",
            },
            {
                "sequence": 310,
                "category": category,
                "name": _("File store size"),
                "value": _(
                    "%(size)s in %(count)s files (%(path)s)",
                    size=human_size(usage[0]) or "0",
                    count=usage[1],
                    path=path,
                )
                if usage
                else _("Folder not found: %(path)s", path=path),
                "status": "ok" if usage else "error",
            },
        ]
        if usage:
            disk = shutil.disk_usage(path)
            lines.append(
                {
                    "sequence": 320,
                    "category": category,
                    "name": _("Free space on the file store's disk"),
                    "value": _(
                        "%(free)s of %(total)s",
                        free=human_size(disk.free),
                        total=human_size(disk.total),
                    ),
                    "status": "warning"
                    if disk.free < disk.total * DISK_FREE_WARNING_RATIO
                    else "ok",
                }
            )
        return lines

    @api.model
    def _health_backup_lines(self):
        last = self.env["idesk.backup.log"].search([], limit=1)
        if not last:
            value, status = _("No backup recorded (see scripts/backup.sh)"), "error"
        else:
            value = _(
                "%(date)s: %(path)s (%(size)s)",
                date=self._health_datetime(last.backup_date),
                path=last.archive_path,
                size=human_size(last.size_bytes) or "0",
            )
            too_old = fields.Datetime.now() - timedelta(hours=BACKUP_MAX_AGE_HOURS)
            status = "warning" if last.backup_date < too_old else "ok"
        return [
            {
                "sequence": 400,
                "category": _("Backup"),
                "name": _("Last backup"),
                "value": value,
                "status": status,
                "action": self._health_list_action(
                    _("Backups"), "idesk.backup.log", []
                ),
            }
        ]

    @api.model
    def _health_login_lines(self):
        since = fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=24))
        domain = [("event", "=", "login_failure"), ("create_date", ">=", since)]
        failures = self.env["idesk.security.log"].search_count(domain)
        return [
            {
                "sequence": 500,
                "category": _("Security"),
                "name": _("Failed logins in the last 24 hours"),
                "value": str(failures),
                "status": "warning" if failures >= FAILED_LOGINS_WARNING else "ok",
                "action": self._health_list_action(
                    _("Failed logins in the last 24 hours"),
                    "idesk.security.log",
                    domain,
                ),
            }
        ]
