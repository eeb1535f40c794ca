from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon


@tagged("post_install", "-at_install")
class TestHealth(IdeskSecurityCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        cls.admin = cls.users["admin"]
        cls.env["idesk.backup.log"].search([]).unlink()
        cls.cron = cls.env["ir.cron"].create(
            {
                "name": "iDESK test: nightly check",
                "model_id": cls.env.ref("base.model_res_partner").id,
                "state": "code",
                "code": "model.browse()",
                "interval_number": 1,
                "interval_type": "days",
                "nextcall": fields.Datetime.now() + timedelta(hours=3),
                "lastcall": fields.Datetime.now() - timedelta(hours=21),
            }
        )
        # a job of iDESK is one of an idesk_* module
        cls.env["ir.model.data"].create(
            {
                "module": "idesk_security",
                "name": "test_cron_nightly_check",
                "model": "ir.cron",
                "res_id": cls.cron.id,
            }
        )
        cls.odoo_cron = cls.cron.copy({"name": "Odoo test: partner autocomplete"})

    def _lines(self, user=None):
        # the lines are written in the user's language: read them in English
        Line = (
            self.env["idesk.health.line"]
            .with_user(user or self.admin)
            .with_context(lang="en_US")
        )
        action = Line.action_open_health()
        return Line.search(action["domain"])

    def _line(self, name, user=None):
        lines = self._lines(user).filtered(lambda line: line.name == name)
        self.assertEqual(len(lines), 1, f"one health line {name!r}")
        return lines

    def test_admin_open_health_sees_every_check(self):
        action = (
            self.env["idesk.health.line"].with_user(self.admin).action_open_health()
        )
        self.assertEqual(action["res_model"], "idesk.health.line")
        self.assertEqual(action["view_mode"], "list,kanban")
        lines = self._lines()
        # other iDESK addons add their own categories (e.g. the OCR queue)
        self.assertLessEqual(
            {"Scheduled jobs", "E-mail queue", "Storage", "Backup", "Security"},
            set(lines.mapped("category")),
        )
        self.assertEqual(self._line("iDESK test: nightly check").status, "ok")
        self.assertEqual(self._line("File store size").status, "ok")
        self.assertIn("files", self._line("File store size").value)
        self.assertTrue(self._line("Database size").value.endswith(("Mb", "Gb")))
        # opening again or refreshing replaces the lines instead of piling them up
        self.assertEqual(len(self._lines()), len(lines))
        reload = lines[:1].action_refresh()
        self.assertEqual(reload["tag"], "soft_reload")
        self.assertFalse(lines.exists())
        Line = self.env["idesk.health.line"].with_user(self.admin)
        self.assertEqual(Line.search_count(action["domain"]), len(lines))

    def test_admin_health_late_cron_shows_warning(self):
        self.cron.nextcall = fields.Datetime.now() - timedelta(days=2)
        line = self._line("iDESK test: nightly check")
        self.assertEqual(line.status, "warning")
        self.assertIn("(late)", line.value)
        self.assertIn("Last run:", line.value)
        action = line.action_open()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("ir.cron", self.cron.id)
        )

    def test_admin_health_failing_cron_shows_error(self):
        self.cron.write(
            {"failure_count": 3, "first_failure_date": fields.Datetime.now()}
        )
        line = self._line("iDESK test: nightly check")
        self.assertEqual(line.status, "error")
        self.assertIn("failed 3 times", line.value)

    def test_admin_health_odoo_jobs_apart_and_only_when_failing(self):
        names = self._lines().mapped("name")
        self.assertNotIn("Odoo test: partner autocomplete", names)
        self.assertEqual(
            self._line("iDESK test: nightly check").category, "Scheduled jobs"
        )
        others = self._line("Other jobs of Odoo")
        self.assertEqual(
            (others.category, others.status), ("Odoo's scheduled jobs", "ok")
        )
        action = others.action_open()
        self.assertIn(self.odoo_cron, self.env["ir.cron"].search(action["domain"]))
        self.assertNotIn(self.cron, self.env["ir.cron"].search(action["domain"]))
        self.odoo_cron.write(
            {"failure_count": 2, "first_failure_date": fields.Datetime.now()}
        )
        self.cron.nextcall = fields.Datetime.now() - timedelta(days=2)
        failing = self._line("Odoo test: partner autocomplete")
        self.assertEqual(
            (failing.category, failing.status), ("Odoo's scheduled jobs", "error")
        )
        # errors first, then warnings, then what is fine
        statuses = self._lines().mapped("status")
        self.assertEqual(statuses[0], "error")
        self.assertEqual(
            statuses, sorted(statuses, key=["error", "warning", "ok"].index)
        )
        self.assertEqual(
            self._lines()[:2].mapped("name"),
            ["Odoo test: partner autocomplete", "Last backup"],
        )

    def test_admin_health_mail_in_exception_shows_error(self):
        Mail = self.env["mail.mail"]
        before = Mail.search_count([("state", "=", "exception")])
        mail = Mail.create(
            {
                "subject": "Nhắc hạn xử lý văn bản",
                "email_to": "nobody@annhon.example.gov.vn",
                "state": "exception",
                "failure_reason": "Connection refused",
            }
        )
        line = self._line("E-mails that could not be sent")
        self.assertEqual(line.status, "error")
        self.assertEqual(line.value, str(before + 1))
        action = line.action_open()
        self.assertIn(mail, Mail.search(action["domain"]))

    def test_admin_health_old_mail_queue_shows_warning(self):
        mail = self.env["mail.mail"].create(
            {"subject": "Queued", "email_to": "a@annhon.example.gov.vn"}
        )
        self.env.cr.execute(
            "UPDATE mail_mail SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=3), mail.id],
        )
        mail.invalidate_recordset(["create_date"])
        line = self._line("E-mails waiting to be sent")
        self.assertEqual(line.status, "warning")
        self.assertIn("oldest queued", line.value)

    def test_admin_health_last_backup(self):
        line = self._line("Last backup")
        self.assertEqual(line.status, "error")
        self.assertIn("No backup recorded", line.value)
        Log = self.env["idesk.backup.log"]
        Log.create(
            {
                "backup_date": fields.Datetime.now() - timedelta(days=3),
                "archive_path": "/backup/idesk-20260101-010000",
                "size_bytes": 2 * 1024 * 1024,
            }
        )
        line = self._line("Last backup")
        self.assertEqual(line.status, "warning")
        self.assertIn("/backup/idesk-20260101-010000 (2.00 Mb)", line.value)
        Log.create(
            {
                "backup_date": fields.Datetime.now() - timedelta(hours=2),
                "archive_path": "/backup/idesk-20260102-010000",
                "size_bytes": 1024,
            }
        )
        line = self._line("Last backup")
        self.assertEqual(line.status, "ok")
        self.assertIn("/backup/idesk-20260102-010000", line.value)

    def test_admin_health_counts_failed_logins_of_last_day(self):
        before = int(self._line("Failed logins in the last 24 hours").value)
        Log = self.env["idesk.security.log"]
        for _attempt in range(10):
            Log._log_event("login_failure", login="test.victim", ip="10.0.0.9")
        line = self._line("Failed logins in the last 24 hours")
        self.assertEqual(int(line.value), before + 10)
        self.assertEqual(line.status, "warning")
        action = line.action_open()
        self.assertEqual(action["res_model"], "idesk.security.log")
        self.assertEqual(len(Log.search(action["domain"])), before + 10)

    def test_admin_health_views_load_for_desktop_and_phone(self):
        views = (
            self.env["idesk.health.line"]
            .with_user(self.admin)
            .get_views([(False, "list"), (False, "kanban")])
        )
        self.assertIn("action_open", views["views"]["list"]["arch"])
        self.assertIn("status", views["views"]["kanban"]["arch"])
        menu = self.env.ref("idesk_security.menu_idesk_health")
        self.assertEqual(
            menu.groups_id, self.env.ref("idesk_security.group_idesk_admin")
        )

    def test_officer_open_health_refused(self):
        for role in ("officer", "clerk", "leader", "it_officer"):
            user = self.users[role]
            with self.assertRaises(AccessError, msg=role):
                self.env["idesk.health.line"].with_user(user).action_open_health()
            with self.assertRaises(AccessError, msg=role):
                self.env["idesk.health.line"].with_user(user).action_refresh()
            with self.assertRaises(AccessError, msg=role):
                self.env["idesk.health.line"].with_user(user).search([])
            with self.assertRaises(AccessError, msg=role):
                self.env["idesk.backup.log"].with_user(user).search([])

    def test_admin_backup_log_read_only(self):
        log = self.env["idesk.backup.log"].create(
            {"backup_date": fields.Datetime.now(), "archive_path": "/backup/x"}
        )
        with self.assertRaises(AccessError):
            log.with_user(self.admin).write({"archive_path": "/tmp/forged"})
        with self.assertRaises(AccessError):
            log.with_user(self.admin).unlink()
        self.assertEqual(log.with_user(self.admin).archive_path, "/backup/x")
