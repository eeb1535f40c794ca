from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IdeskReportsCase


@tagged("post_install", "-at_install")
class TestStatusReport(IdeskReportsCase):
    """Weekly processing status (art. 6) on a known data set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_b = cls._create_agency(
            "Phòng Tài chính Thử", "TCT", parent=cls.committee
        )
        cls.head_b = cls._user("rep_head_b", "leader", cls.unit_b)
        today = fields.Date.context_today(cls.env["idesk.document"])
        now = fields.Datetime.now()
        # (unit, state, deadline offset in days, done offset in days from deadline)
        plan = [
            (cls.unit, "done", -10, -2),  # done on time
            (cls.unit, "done", -10, 3),  # done late
            (cls.unit, "in_progress", -1, None),  # overdue
            (cls.unit, "received", 5, None),  # pending
            (cls.unit, "read", 2, None),  # pending
            (cls.unit_b, "in_progress", -3, None),  # overdue
            (cls.unit_b, "returned", 3, None),  # not counted
        ]
        cls.assignments = cls.env["idesk.assignment"]
        for number, (unit, state, deadline_days, done_days) in enumerate(plan, start=1):
            document = cls._entry(cls.book, number, cls._quarter_day(4))
            deadline = today + timedelta(days=deadline_days)
            vals = {
                "document_id": document.id,
                "role": "lead",
                "agency_id": unit.id,
                "deadline": deadline,
                "state": state,
            }
            if done_days is not None:
                vals["done_date"] = now + timedelta(days=deadline_days + done_days)
            cls.assignments |= cls.env["idesk.assignment"].sudo().create(vals)
        cls.env.flush_all()

    def _figures(self, user, unit):
        Report = self.env["idesk.status.report"].with_user(user)
        measures = [
            "received_count",
            "done_on_time_count",
            "done_late_count",
            "overdue_count",
            "pending_count",
        ]
        [row] = Report.read_group([("unit_id", "=", unit.id)], measures, [])
        return tuple(row[name] for name in measures)

    def test_leader_weekly_figures_per_unit(self):
        self.assertEqual(self._figures(self.leader, self.unit), (5, 1, 1, 1, 2))
        self.assertEqual(self._figures(self.leader, self.unit_b), (1, 0, 0, 1, 0))

    def test_leader_weekly_figure_lists_its_documents(self):
        overdue = (
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .search([("unit_id", "=", self.unit.id), ("status", "=", "overdue")])
        )
        self.assertEqual(overdue.assignment_id, self.assignments[2])

    def test_head_of_unit_sees_only_own_unit(self):
        rows = self.env["idesk.status.report"].with_user(self.head_b).search([])
        self.assertEqual(rows.unit_id, self.unit_b)

    def test_leader_on_time_rate(self):
        [row] = (
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .read_group([("unit_id", "=", self.unit.id)], ["on_time_rate:avg"], [])
        )
        self.assertAlmostEqual(row["on_time_rate"], 50.0)

    def test_leader_print_weekly_status_lists_each_figure(self):
        # a period long enough to hold the two assignments done 7 and 12 days ago;
        # the report counts days in the town's time zone (UTC+7), also after 17:00 UTC
        today = fields.Date.context_today(
            self.env["idesk.document"].with_context(tz="Asia/Ho_Chi_Minh")
        )
        wizard = (
            self.env["idesk.status.report.print"]
            .with_user(self.leader)
            .create({"date_from": today - timedelta(days=20), "date_to": today})
        )
        groups = {
            unit: (figures, rows)
            for _agency, unit, figures, rows in wizard._report_groups()
        }
        figures, rows = groups[self.unit]
        self.assertEqual(
            (
                figures["received"],
                figures["done_on_time"],
                figures["done_late"],
                figures["overdue"],
                figures["pending"],
            ),
            (5, 1, 1, 1, 2),
        )
        self.assertEqual(rows["overdue"].assignment_id, self.assignments[2])
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.leader)
            ._render_qweb_html(
                "idesk_reports.action_report_idesk_status_weekly", wizard.ids
            )
        )
        html = html.decode()
        self.assertIn("Tình hình xử lý văn bản hằng tuần", html)
        self.assertIn("UBND xã Nhơn Hậu Thử", html)
        self.assertIn("Phòng Tài chính Thử", html)

    def test_leader_print_defaults_to_last_week(self):
        wizard = self.env["idesk.status.report.print"].with_user(self.leader).create({})
        today = fields.Date.context_today(wizard)
        self.assertEqual(wizard.date_from.weekday(), 0, "from a Monday")
        self.assertEqual(wizard.date_to - wizard.date_from, timedelta(days=6))
        self.assertLess(wizard.date_to, today, "a week that is over")
        self.assertGreaterEqual(wizard.date_to, today - timedelta(days=7))

    def test_leader_print_this_week_leaves_out_work_done_before(self):
        today = fields.Date.context_today(self.env["idesk.document"])
        monday = today - timedelta(days=today.weekday())
        wizard = (
            self.env["idesk.status.report.print"]
            .with_user(self.leader)
            .create({"date_from": monday, "date_to": monday + timedelta(days=6)})
        )
        figures = {
            unit: figures for _agency, unit, figures, _rows in wizard._report_groups()
        }
        self.assertEqual(
            figures[self.unit]["received"], 3, "done 7 and 12 days ago: not this week"
        )

    def test_officer_print_weekly_status_week_must_be_ordered(self):
        wizard = self.env["idesk.status.report.print"].with_user(self.clerk).create({})
        wizard.date_from, wizard.date_to = (
            wizard.date_to,
            wizard.date_from - timedelta(days=1),
        )
        with self.assertRaises(UserError):
            wizard._report_groups()

    def test_leader_on_time_chart_shows_unit_without_finished_work(self):
        action = self.env.ref("idesk_reports.action_idesk_on_time_rate")
        arch = etree.fromstring(
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .get_views([(action.view_id.id, "graph")])["views"]["graph"]["arch"]
        )
        [measure] = arch.xpath("//field[@type='measure']/@name")
        groupby = arch.xpath("//field[not(@type)]/@name")
        rows = (
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .read_group([("unit_id", "=", self.unit_b.id)], [measure], groupby[:1])
        )
        self.assertTrue(rows[0][measure], "unit B has an overdue item to show")

    def test_leader_statistics_by_type_and_unit(self):
        Statistics = self.env["idesk.document.statistics"].with_user(self.leader)
        [row] = Statistics.read_group(
            [("book_id", "=", self.book.id)], ["document_count:sum"], ["type_id"]
        )
        self.assertEqual(row["document_count"], 7)
        self.assertEqual(row["type_id"][0], self.type_qd.id)
        self.assertFalse(
            self.env["idesk.document.statistics"]
            .with_user(self.head_b)
            .search_count([("book_id", "=", self.book.id)])
        )

    def test_officer_inactive_accounts_refused_leader_sees_own_units(self):
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(
                self.officer
            ).action_idesk_inactive_users_of_my_units()
        action = (
            self.env["res.users"]
            .with_user(self.head_b)
            .action_idesk_inactive_users_of_my_units()
        )
        users = self.env["res.users"].search(action["domain"])
        self.assertIn(self.head_b, users, "a new account has never logged in")
        self.assertNotIn(self.clerk, users, "another agency's account is not listed")

    def test_head_weekly_digest_links_to_status_report(self):
        body = (
            self.env["idesk.assignment"]
            .with_context(lang="en_US")
            ._digest_body(
                self.unit, fields.Date.context_today(self.env["idesk.document"])
            )
        )
        self.assertIn("action-idesk_reports.action_idesk_status_report", body)
        self.assertIn("Weekly processing status of the units", body)
