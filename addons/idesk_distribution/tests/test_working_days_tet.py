from datetime import date, datetime

from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestWorkingDaysTet(DistributionCase):
    """Deadlines in working days come from the agency's resource.calendar and
    the global public holidays, through Odoo's planning methods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tết Đinh Mùi 2027: Friday 5 to Thursday 11 February, off for every agency
        # (a global leave, local days in Asia/Ho_Chi_Minh).
        cls.tet_2027 = cls.env["resource.calendar.leaves"].create(
            {
                "name": "Tết Nguyên đán Đinh Mùi 2027",
                "calendar_id": False,
                "resource_id": False,
                "time_type": "leave",
                "date_from": datetime(2027, 2, 4, 17, 0),
                "date_to": datetime(2027, 2, 11, 16, 59, 59),
            }
        )

    def test_clerk_deadline_over_tet_2027_skips_the_holiday_week(self):
        # Thursday 4 Feb + 1 working day: Fri 5 to Thu 11 are Tết, then Friday 12.
        self.assertEqual(
            self.office._add_working_days(date(2027, 2, 4), 1), date(2027, 2, 12)
        )
        # + 3: Fri 12, Mon 15, Tue 16.
        self.assertEqual(
            self.office._add_working_days(date(2027, 2, 4), 3), date(2027, 2, 16)
        )
        self.assertEqual(
            self.office._count_working_days(date(2027, 2, 4), date(2027, 2, 16)), 3
        )

    def test_admin_calendar_knows_tet_through_odoo_planning(self):
        calendar = self.office._get_working_calendar()
        self.assertTrue(calendar._works_on_date(date(2027, 2, 8)), "a Monday")
        self.assertFalse(
            self.office._get_working_dates(date(2027, 2, 5), date(2027, 2, 11)),
            "no working day during Tết",
        )

    def test_admin_agency_calendar_with_its_own_closure(self):
        # A ward closed one more day on its own calendar: only its deadlines move.
        calendar = self.office._get_working_calendar().copy({"name": "Phường Thử"})
        self.ward.resource_calendar_id = calendar
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Đóng cửa trụ sở",
                "calendar_id": calendar.id,
                "date_from": datetime(2027, 2, 11, 17, 0),
                "date_to": datetime(2027, 2, 12, 16, 59, 59),
            }
        )
        self.assertEqual(
            self.ward._add_working_days(date(2027, 2, 4), 1), date(2027, 2, 15)
        )
        self.assertEqual(
            self.office._add_working_days(date(2027, 2, 4), 1), date(2027, 2, 12)
        )

    def test_leader_deadline_never_lands_on_a_saturday(self):
        # Friday 29 Jan 2027 + 1: Monday 1 Feb.
        self.assertEqual(
            self.office._add_working_days(date(2027, 1, 29), 1), date(2027, 2, 1)
        )
