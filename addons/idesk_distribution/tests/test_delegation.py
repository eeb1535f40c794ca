from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .delegation_common import DelegationCase


@tagged("post_install", "-at_install")
class TestDelegation(DelegationCase):
    """A unit hands its role to its officers, with deadlines inside its own."""

    def test_unit_head_delegates_with_nested_deadlines(self):
        document, lead, _cooperate = self._led_document(lead_days=10)
        self.assertTrue(lead.with_user(self.head).can_delegate)
        self.assertIn(
            lead,
            self.env["idesk.assignment"]
            .with_user(self.head)
            .search([("is_my_unit_work", "=", True)]),
            "the unit's role waits in the head's queue",
        )
        children = self._delegate(
            lead,
            self.head,
            [
                (self.officer_a, "lead", self._deadline(6)),
                (self.officer_b, "cooperate", self._deadline(4)),
            ],
        )
        officer_a_work = children.filtered(lambda c: c.user_id == self.officer_a)
        self.assertEqual(children.parent_id, lead)
        self.assertEqual(officer_a_work.role, "lead")
        self.assertEqual(officer_a_work.deadline, self._deadline(6))
        self.assertEqual(officer_a_work.recipient_agency_id, self.dept)
        self.assertEqual(lead.state, "in_progress", "the unit has started")
        # The document's state and deadline stay the unit's.
        self.assertEqual(document.deadline, self._deadline(10))
        self.assertEqual(document.process_state, "in_progress")
        # The officer sees his assignment and can open the document.
        mine = (
            self.env["idesk.assignment"]
            .with_user(self.officer_a)
            .search([("user_id", "=", self.officer_a.id)])
        )
        self.assertEqual(mine, officer_a_work)
        document.with_user(self.officer_a).check_access("read")
        # The head follows the officers on the unit's assignment.
        seen = lead.with_user(self.head).child_ids
        self.assertEqual(
            sorted(
                seen.mapped(lambda c: (c.user_id.login, c.state, c.deadline_status))
            ),
            [
                ("t_dept_officer_a", "received", "on_time"),
                ("t_dept_officer_b", "received", "on_time"),
            ],
        )
        # A further officer may join later, cooperating.
        more = self._delegate(
            lead, self.head, [(self.dept_officer, "cooperate", self._deadline(10))]
        )
        self.assertEqual(
            more.deadline, lead.deadline, "a deadline may equal the unit's"
        )

    def test_unit_head_later_deadline_refused(self):
        _document, lead, _cooperate = self._led_document(lead_days=5)
        with self.assertRaisesRegex(UserError, "later than the unit's deadline"):
            self._delegate(
                lead, self.head, [(self.officer_a, "lead", self._deadline(7))]
            )
        self.assertFalse(lead.child_ids, "nothing was handed down")
        self.assertEqual(lead.state, "received")
        # Nor can the officer's deadline be moved past the unit's afterwards.
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", self._deadline(3))]
        )
        # (as the system: the officer's work is not the office leader's to read)
        with self.assertRaisesRegex(ValidationError, "later than the unit's deadline"):
            child.sudo().write({"deadline": self._deadline(8)})
        with self.assertRaisesRegex(ValidationError, "later than the unit's deadline"):
            lead.with_user(self.leader).write({"deadline": self._deadline(2)})

    def test_unit_head_only_one_lead_officer(self):
        _document, lead, _cooperate = self._led_document()
        with self.assertRaisesRegex(UserError, "exactly one"):
            self._delegate(
                lead,
                self.head,
                [
                    (self.officer_a, "lead", self._deadline(5)),
                    (self.officer_b, "lead", self._deadline(5)),
                ],
            )
        with self.assertRaisesRegex(UserError, "exactly one"):
            self._delegate(
                lead, self.head, [(self.officer_a, "cooperate", self._deadline(5))]
            )

    def test_officer_of_another_unit_not_delegated_to(self):
        _document, lead, _cooperate = self._led_document()
        with self.assertRaisesRegex(UserError, "does not work in"):
            self._delegate(
                lead, self.head, [(self.officer3, "lead", self._deadline(5))]
            )

    def test_officer_and_other_head_cannot_delegate(self):
        _document, lead, cooperate = self._led_document()
        for user, assignment in (
            (self.officer_a, lead),
            (self.head2, lead),
            (self.head, cooperate),
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                assignment.with_user(user).sudo(False)._do_delegate(
                    [
                        {
                            "user_id": self.officer_a.id,
                            "role": "lead",
                            "deadline": self._deadline(3),
                        }
                    ]
                )
        self.assertFalse((lead | cooperate).child_ids)

    def test_delegate_named_by_the_unit_delegates(self):
        """A deputy named as the unit's delegate acts as its head."""
        _document, lead, _cooperate = self._led_document()
        self.dept.assignment_delegate_ids = self.officer_b
        children = self._delegate(
            lead, self.officer_b, [(self.officer_a, "lead", self._deadline(3))]
        )
        self.assertEqual(children.user_id, self.officer_a)

    def test_officer_cannot_close_his_work_himself(self):
        _document, lead, _cooperate = self._led_document()
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", self._deadline(3))]
        )
        child.with_user(self.officer_a).write({"result_note": "Đã xong."})
        with self.assertRaisesRegex(UserError, "Report your result"):
            child.with_user(self.officer_a).action_done()
        self.assertEqual(child.state, "received")
