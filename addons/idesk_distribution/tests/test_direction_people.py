from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDirectionPeople(DistributionCase):
    """The leader picks a unit and, inside it, the person who handles the document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_leaver = cls._create_user("t_dept_leaver", "officer", cls.dept)
        cls.dept_leaver.active = False
        cls.dept_portal = cls._create_user("t_dept_portal", "officer", cls.dept)
        cls.dept_portal.groups_id = cls.env.ref("base.group_portal")
        # Technical accounts placed in the unit must still never be offered.
        cls.technical = cls.env.ref("base.user_admin") | cls.env.ref("base.user_root")
        cls.technical.write({"agency_id": cls.dept.id})
        cls.dept_staff = cls.dept_officer | cls.outsider

    def _form(self, document):
        return Form(
            self.env["idesk.direction.wizard"]
            .with_user(self.leader)
            .with_context(default_document_id=document.id)
        )

    def _offered(self, form, field_name):
        """The people the picker of ``field_name`` offers the leader."""
        domain = safe_eval(
            form._view["fields"][field_name]["domain"], form._get_eval_context()
        )
        return self.env["res.users"].with_user(self.leader).search(domain)

    def test_leader_pick_unit_then_person_keeps_unit(self):
        document = self._incoming()
        form = self._form(document)
        form.direction_note = "Phòng Thử chủ trì, đồng chí chuyên viên theo dõi."
        form.lead_agency_id = self.dept
        form.lead_user_id = self.dept_officer
        self.assertEqual(form.lead_agency_id, self.dept, "the unit is kept")
        form.lead_deadline = self._deadline()
        form.save().action_confirm()
        lead = document.assignment_ids
        self.assertEqual(lead.role, "lead")
        self.assertEqual(lead.user_id, self.dept_officer)
        self.assertEqual(lead.recipient_agency_id, self.dept)
        self.assertIn(self.dept_officer, document.shared_user_ids)

    def test_leader_pick_person_outside_unit_refused(self):
        document = self._incoming()
        form = self._form(document)
        form.direction_note = "Phòng Thử chủ trì."
        form.lead_agency_id = self.dept
        form.lead_user_id = self.officer
        form.lead_deadline = self._deadline()
        with self.assertRaisesRegex(ValidationError, "Not of the chosen units"):
            form.save()
        self.assertFalse(document.assignment_ids)

    def test_leader_person_picker_offers_unit_staff_only(self):
        form = self._form(self._incoming())
        form.lead_agency_id = self.dept
        self.assertEqual(self._offered(form, "lead_user_id"), self.dept_staff)
        form.cooperate_agency_ids.add(self.dept)
        self.assertEqual(self._offered(form, "cooperate_user_ids"), self.dept_staff)

    def test_leader_person_picker_without_unit_offers_own_agencies(self):
        form = self._form(self._incoming())
        offered = self._offered(form, "info_user_ids")
        self.assertEqual(
            offered,
            self.leader | self.clerk | self.officer | self.dept_staff,
            "the staff of the agencies the leader belongs to or leads",
        )
        self.assertFalse(offered & self.technical)

    def test_leader_cooperating_unit_with_person_and_unit_alone(self):
        document = self._incoming()
        assignments = self._direct(
            document,
            lead_agency_id=self.dept.id,
            lead_deadline=self._deadline(),
            cooperate_agency_ids=[(6, 0, (self.office | self.ward).ids)],
            cooperate_user_ids=[(6, 0, self.officer.ids)],
            cooperate_deadline=self._deadline(),
        )
        cooperating = assignments.filtered(lambda a: a.role == "cooperate")
        self.assertEqual(
            {(a.user_id, a.agency_id, a.recipient_agency_id) for a in cooperating},
            {
                (self.officer, self.env["idesk.agency"], self.office),
                (self.env["res.users"], self.ward, self.ward),
            },
            "the office's person is its contact; the ward, without a person, gets its own",
        )
        lead = assignments - cooperating
        self.assertEqual(
            (lead.agency_id, lead.user_id), (self.dept, self.env["res.users"])
        )
