from datetime import date, datetime

from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDeadline(DistributionCase):
    def test_admin_holidays_2026_include_tet(self):
        tet = self.env.ref("idesk_distribution.public_holiday_2026_tet")
        self.assertFalse(
            tet.calendar_id, "Tết must be a global holiday for every agency calendar"
        )
        working = self.office._get_working_dates(date(2026, 2, 14), date(2026, 2, 23))
        self.assertEqual(
            working,
            {date(2026, 2, 23)},
            "16-20/02/2026 are Tết days off, 14-15 and 21-22 weekends",
        )

    def test_leader_deadline_friday_plus_one_is_monday(self):
        # Friday 6 March 2026 + 1 working day: the weekend is skipped.
        self.assertEqual(
            self.office._add_working_days(date(2026, 3, 6), 1), date(2026, 3, 9)
        )
        self.assertEqual(
            self.office._add_working_days(date(2026, 3, 6), 5), date(2026, 3, 13)
        )

    def test_leader_deadline_over_tet_skips_holiday_week(self):
        # Thursday 12 Feb 2026 + 3 working days: Fri 13, (Tết 16-20, weekends), Mon 23, Tue 24.
        self.assertEqual(
            self.office._add_working_days(date(2026, 2, 12), 3), date(2026, 2, 24)
        )
        self.assertEqual(
            self.office._count_working_days(date(2026, 2, 12), date(2026, 2, 24)), 3
        )

    def test_admin_add_holiday_moves_deadline(self):
        self.assertEqual(
            self.office._add_working_days(date(2026, 6, 5), 1), date(2026, 6, 8)
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nghỉ đột xuất",
                "calendar_id": False,
                "date_from": datetime(2026, 6, 7, 17, 0),
                "date_to": datetime(2026, 6, 8, 16, 59, 59),
            }
        )
        self.assertEqual(
            self.office._add_working_days(date(2026, 6, 5), 1), date(2026, 6, 9)
        )

    def test_leader_direct_default_deadline_from_type(self):
        document = self._incoming()
        wizard = (
            self.env["idesk.direction.wizard"]
            .with_user(self.leader)
            .with_context(default_document_id=document.id)
            .create({"direction_note": "Xử lý"})
        )
        self.assertEqual(
            wizard.lead_deadline, self.office._add_working_days(self.today, 5)
        )
        self.assertEqual(wizard.directed_by_id, self.leader)
