import base64
from datetime import timedelta

from .common import DistributionCase


class DelegationCase(DistributionCase):
    """A document led by the test department and cooperated by a second unit;
    each unit has its head and two officers, a third unit is outside."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, role, agency):
            return cls._create_user(
                login,
                role,
                agency,
                password=f"{login}-Passw0rd!",
                lang="en_US",
                email=f"{login}@test.example",
                notification_type="inbox",
            )

        cls.unit2 = cls._create_agency("Phòng Hai", "PH", parent=cls.town)
        cls.unit3 = cls._create_agency("Phòng Ba", "PB", parent=cls.town)
        cls.head = user("t_dept_head", "leader", cls.dept)
        cls.officer_a = user("t_dept_officer_a", "officer", cls.dept)
        cls.officer_b = user("t_dept_officer_b", "officer", cls.dept)
        cls.head2 = user("t_unit2_head", "leader", cls.unit2)
        cls.officer2 = user("t_unit2_officer", "officer", cls.unit2)
        cls.officer3 = user("t_unit3_officer", "officer", cls.unit3)
        cls.dept.leader_ids = cls.head
        cls.unit2.leader_ids = cls.head2

    def _led_document(self, lead_days=10, cooperate_days=8):
        """An incoming document the office leader gives the department to lead
        and the second unit to cooperate on; the two units' assignments."""
        document = self._incoming()
        self._direct(
            document,
            lead_agency_id=self.dept.id,
            lead_deadline=self._deadline(lead_days),
            cooperate_agency_ids=[(6, 0, self.unit2.ids)],
            cooperate_deadline=self._deadline(cooperate_days),
        )
        lead = document.assignment_ids.filtered(lambda a: a.role == "lead")
        cooperate = document.assignment_ids.filtered(lambda a: a.role == "cooperate")
        return document, lead, cooperate

    def _delegate(self, assignment, head, lines):
        """Hand over through the form, as the head does; returns the children."""
        action = assignment.with_user(head).action_delegate()
        self.assertEqual(action["res_model"], "idesk.delegation.wizard")
        Wizard = (
            self.env["idesk.delegation.wizard"]
            .with_user(head)
            .with_context(**action["context"])
        )
        wizard = Wizard.create(
            {
                "line_ids": [(5, 0, 0)]
                + [
                    (0, 0, {"user_id": u.id, "role": role, "deadline": deadline})
                    for u, role, deadline in lines
                ]
            }
        )
        before = assignment.child_ids
        wizard.action_confirm()
        assignment.invalidate_recordset()
        return assignment.child_ids - before

    def _report(self, child, officer, note, files=()):
        """The officer writes his result on his assignment, uploads files to it
        and reports it."""
        mine = child.with_user(officer)
        attachments = self.env["ir.attachment"].with_user(officer)
        for name, content in files:
            attachments |= attachments.create(
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": "idesk.assignment",
                    "res_id": child.id,
                }
            )
        mine.write(
            {"result_note": note, "result_attachment_ids": [(6, 0, attachments.ids)]}
        )
        mine.action_report_result()
        return attachments

    def _expected_late_days(self, unit, deadline, done):
        """Working days after ``deadline`` up to ``done``: Monday to Friday
        without the public holidays the administrator keeps."""
        holidays = set()
        for leave in self.env["resource.calendar.leaves"].search(
            [("resource_id", "=", False), ("calendar_id", "=", False)]
        ):
            # stored in UTC; the town's day is 7 hours ahead
            day = (leave.date_from + timedelta(hours=7)).date()
            while day <= (leave.date_to + timedelta(hours=7)).date():
                holidays.add(day)
                day += timedelta(days=1)
        count, day = 0, deadline + timedelta(days=1)
        while day <= done:
            count += day.weekday() < 5 and day not in holidays
            day += timedelta(days=1)
        return count
