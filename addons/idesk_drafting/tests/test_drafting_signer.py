from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import DraftingCommon


@tagged("post_install", "-at_install")
class TestDraftingSigner(DraftingCommon, TransactionCase):
    """Who signs a draft and to whom a reviewer forwards it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def person(login, role, agency):
            return cls._create_user(
                login,
                role,
                agency,
                lang="en_US",
                name=login.replace(".", " ").title(),
                email=f"{login}@annhon.example.gov.vn",
            )

        cls.vice_chairman = person("drafting.vice.chairman", "leader", cls.committee)
        cls.committee.leader_ids |= cls.vice_chairman
        cls.other_head = person("drafting.other.head", "leader", cls.other_unit)
        cls.other_unit.leader_ids = cls.other_head
        cls.commune_chairman = person("drafting.commune.chair", "leader", cls.commune)
        cls.commune.leader_ids = cls.commune_chairman

    def test_drafter_chooses_a_leader_of_the_issuer_or_its_committee(self):
        draft = self._new_draft(signer_id=self.vice_chairman.id, signer_authority="KT.")
        self.assertEqual(draft.issuing_agency_id, self.office)
        self.assertEqual(
            draft.with_user(self.drafter).signer_candidate_ids,
            self.chairman | self.vice_chairman | self.office_head,
        )
        # The head of the Office signs what the Office issues in its own name.
        draft.with_user(self.drafter).signer_id = self.office_head
        self.assertEqual(draft.signer_id, self.office_head)

    def test_drafter_cannot_choose_a_leader_of_another_agency_as_signer(self):
        for leader in (self.other_head, self.commune_chairman):
            with self.assertRaises(ValidationError) as refusal:
                self._new_draft(signer_id=leader.id)
            self.assertIn(
                f"{leader.name} cannot sign a document issued by {self.office.name}",
                refusal.exception.args[0],
            )
        draft = self._new_draft()
        with self.assertRaises(ValidationError):
            draft.with_user(self.drafter).signer_id = self.other_head
        self.assertEqual(draft.signer_id, self.chairman)
        # The drafting unit issuing in its own name: its head, not the Office's.
        with self.assertRaises(ValidationError):
            draft.with_user(self.drafter).write(
                {"issuing_agency_id": self.finance.id, "signer_id": self.office_head.id}
            )

    def test_signer_who_left_the_leadership_is_refused_at_submit(self):
        draft = self._new_draft(signer_id=self.vice_chairman.id, signer_authority="KT.")
        self.committee.leader_ids -= self.vice_chairman
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.drafter).action_submit()
        self.assertIn(
            f"{self.vice_chairman.name} cannot sign a document issued by",
            refusal.exception.args[0],
        )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.step_ids)

    def test_chain_naming_an_ineligible_signer_is_refused_at_submit(self):
        self.env["idesk.review.chain"].create(
            {
                "name": "Finance: signed by another office",
                "agency_id": self.finance.id,
                "line_ids": [(0, 0, {"kind": "signer", "user_id": self.other_head.id})],
            }
        )
        draft = self._new_draft()
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.drafter).action_submit()
        self.assertIn(self.other_head.name, refusal.exception.args[0])
        self.assertFalse(draft.step_ids)

    def test_reviewer_forwards_only_to_someone_who_could_review_it(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        action = draft.with_user(self.unit_head).action_forward()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.unit_head)
            .with_context(**action["context"])
            .create({})
        )
        offered = wizard.forward_candidate_ids
        self.assertIn(self.colleague, offered)
        self.assertIn(self.office_deputy, offered)
        self.assertIn(self.vice_chairman, offered)
        for outsider in (
            self.stranger,
            self.other_head,
            self.commune_clerk,
            self.drafter,
            self.unit_head,
        ):
            self.assertNotIn(outsider, offered)
        for outsider in (self.stranger, self.other_head, self.commune_chairman):
            with self.assertRaises(UserError) as refusal:
                self._decide(
                    draft, self.unit_head, "forward", forward_user_id=outsider.id
                )
            self.assertIn(
                f"{outsider.name} cannot review this draft", refusal.exception.args[0]
            )
        with self.assertRaises(UserError) as refusal:
            self._decide(
                draft, self.unit_head, "forward", forward_user_id=self.drafter.id
            )
        self.assertIn("returning it", refusal.exception.args[0])
        self.assertEqual(draft.current_step_id.user_id, self.unit_head)
        self.assertNotIn(self.stranger, draft.reviewer_ids)

        # A colleague of the unit may check it for the head.
        self._decide(
            draft, self.unit_head, "forward", forward_user_id=self.colleague.id
        )
        self.assertEqual(draft.current_step_id.user_id, self.colleague)

    def test_signer_forwards_the_signature_only_to_an_eligible_signer(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        for outsider in (self.unit_head, self.other_head, self.commune_chairman):
            with self.assertRaises(UserError) as refusal:
                self._decide(
                    draft, self.chairman, "forward", forward_user_id=outsider.id
                )
            self.assertIn(
                f"{outsider.name} cannot sign a document issued by",
                refusal.exception.args[0],
            )
        self._decide(
            draft, self.chairman, "forward", forward_user_id=self.vice_chairman.id
        )
        self.assertEqual(draft.signer_id, self.vice_chairman)
        self._decide(draft, self.vice_chairman, "sign", consent=True)
        self.assertEqual(draft.signed_by_id, self.vice_chairman)

    def test_leader_signs_only_what_reached_him(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        # Still with the unit head: the chairman cannot sign it yet.
        with self.assertRaises(AccessError):
            draft.with_user(self.chairman).action_sign()
        with self.assertRaises(AccessError):
            draft.with_user(self.chairman)._do_review("sign", consent=True)
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        # It reached the chairman, not his deputy, who may sign such documents.
        with self.assertRaises(AccessError):
            draft.with_user(self.vice_chairman)._do_review("sign", consent=True)
        self.assertEqual(draft.state, "review")
        self._decide(draft, self.chairman, "sign", consent=True)
        with self.assertRaises(UserError):
            draft.with_user(self.chairman)._do_review("sign", consent=True)
        self.assertEqual(draft.signed_by_id, self.chairman)
