from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.idesk_distribution.tests.delegation_common import DelegationCase


@tagged("post_install", "-at_install")
class TestStatusReportResults(DelegationCase):
    """The weekly status counts a delegated unit's work when its head accepts
    the officer's result, once per unit (never per officer)."""

    def _figures(self, unit):
        measures = [
            "received_count",
            "done_on_time_count",
            "done_late_count",
            "pending_count",
            "late_working_days",
        ]
        [row] = (
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .read_group([("unit_id", "=", unit.id)], measures, [])
        )
        return tuple(row[name] for name in measures)

    def test_leader_status_counts_accepted_result_once_per_unit(self):
        _document, lead, _cooperate = self._led_document()
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", lead.deadline)]
        )
        self._report(child, self.officer_a, "Đã xong, chờ duyệt.")
        self.env.flush_all()
        self.assertEqual(
            self._figures(self.dept), (1, 0, 0, 1, 0), "a reported result is pending"
        )
        child.with_user(self.head).action_accept_result()
        self.env.flush_all()
        self.assertEqual(self._figures(self.dept), (1, 1, 0, 0, 0))
        [row] = (
            self.env["idesk.status.report"]
            .with_user(self.leader)
            .search([("unit_id", "=", self.dept.id)])
        )
        self.assertEqual(row.assignment_id, lead)
        self.assertEqual(row.done_date, lead.completion_date)

    def test_leader_status_counts_late_acceptance_in_working_days(self):
        _document, lead, _cooperate = self._led_document()
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", lead.deadline)]
        )
        late_deadline = self.today - timedelta(days=9)
        (lead | child).sudo().write({"deadline": late_deadline})
        self._report(child, self.officer_a, "Hoàn thành muộn.")
        child.with_user(self.head).action_accept_result()
        self.env.flush_all()
        late = self._expected_late_days(self.dept, late_deadline, self.today)
        self.assertEqual(self._figures(self.dept), (1, 0, 1, 0, late))
