from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestBookKeepers(IdeskRegistryCase):
    """The Office's clerk keeps the books of the standing committee of the
    People's Council (named in its clerks) and the incoming book of a unit
    without a clerk (its ``registering_agency_id``), and nothing more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hdnd = cls._create_agency("Thường trực HĐND thị xã Thử", "HĐND", "council")
        cls.hdnd.clerk_ids = cls.clerk_vp
        cls.hdnd_leader = cls._create_user(
            "reg_chutich_hdnd", "leader", cls.hdnd, name="Chủ tịch HĐND Thử"
        )
        cls.officer_vp = cls._create_user(
            "reg_officer_vp", "officer", cls.agency_vp, name="Reg officer VP"
        )
        # Phòng Tư pháp Thử has a clerk of its own (clerk_b); a unit without one:
        cls.unit = cls._create_agency(
            "Phòng Kinh tế Thử",
            "KT",
            parent=cls.agency_p,
            registering_agency_id=cls.agency_vp.id,
        )
        cls.unit_officer = cls._create_user(
            "reg_officer_kt", "officer", cls.unit, name="Reg officer KT"
        )
        cls.type_nq = cls.env.ref("idesk_registry.type_nq")
        cls.type_bc = cls.env.ref("idesk_registry.type_bc")

    def test_clerk_office_registers_council_symbols(self):
        resolution = self._register_outgoing(
            user=self.clerk_vp, agency=self.hdnd, type_id=self.type_nq.id
        )
        report = self._register_outgoing(
            user=self.clerk_vp, agency=self.hdnd, type_id=self.type_bc.id
        )
        letter = self._register_outgoing(
            user=self.clerk_vp,
            agency=self.hdnd,
            type_id=self.type_cv.id,
            drafting_agency_id=self.hdnd.id,
        )
        self.assertEqual(
            [resolution.symbol, report.symbol, letter.symbol],
            ["01/NQ-HĐND", "02/BC-HĐND", "03/HĐND"],
        )
        self.assertEqual(resolution.book_id.agency_id, self.hdnd)
        # The Office's own series is another one.
        office = self._register_outgoing(user=self.clerk_vp, agency=self.agency_vp)
        self.assertEqual(office.symbol, "01/QĐ-UBND")

    def test_clerk_office_registers_council_incoming_in_its_book(self):
        received = self._register_incoming(user=self.clerk_vp, agency=self.hdnd)
        self.assertEqual(received.number_display, "01")
        self.assertEqual(received.book_id.agency_id, self.hdnd)
        self.assertEqual(received.book_id.direction, "incoming")
        self.assertIn(
            received.book_id,
            self.env["idesk.register.book"].with_user(self.clerk_vp).search([]),
        )

    def test_clerk_office_keeps_council_books_but_sees_no_other_agency(self):
        council = self._register_incoming(user=self.clerk_vp, agency=self.hdnd)
        other = self._register_incoming(user=self.clerk_b, agency=self.agency_b)
        unit_outgoing = self.Document._register_new([self._outgoing_vals(self.unit)])
        Document = self.Document.with_user(self.clerk_vp)
        visible = Document.search([("id", "in", (council | other | unit_outgoing).ids)])
        self.assertEqual(visible, council)
        with self.assertRaises(AccessError):
            other.with_user(self.clerk_vp).write({"note": "không được"})
        with self.assertRaises(AccessError):
            Document.create(self._incoming_vals(self.agency_b))
        # He stays a member of the Office: not one of the council's staff.
        self.assertEqual(self.clerk_vp.agency_id, self.agency_vp)
        self.assertNotIn(self.clerk_vp, self.hdnd.user_ids)
        # Nobody else of the Office sees the council's documents.
        self.assertFalse(
            self.Document.with_user(self.officer_vp).search([("id", "=", council.id)])
        )
        # The council's chairman reads them; the Office's clerk does not become
        # its clerk for another agency by it.
        self.assertEqual(
            self.Document.with_user(self.hdnd_leader).search(
                [("id", "in", (council | other).ids)]
            ),
            council,
        )

    def test_clerk_of_another_unit_cannot_register_council_documents(self):
        draft = self.Document.create(self._incoming_vals(self.hdnd))
        with self.assertRaises(AccessError):
            draft.with_user(self.clerk_b).action_register()
        self.assertEqual(draft.state, "draft")

    def test_clerk_office_receives_into_book_kept_for_unit_without_clerk(self):
        received = self._register_incoming(user=self.clerk_vp, agency=self.unit)
        self.assertEqual(received.agency_id, self.unit)
        self.assertEqual(received.book_id.agency_id, self.unit)
        self.assertEqual(received.number_display, "01")
        # The unit's staff see it like any received document.
        self.assertEqual(
            self.Document.with_user(self.unit_officer).search(
                [("id", "=", received.id)]
            ),
            received,
        )
        # The clerk of another unit keeps nothing for it.
        with self.assertRaises(AccessError):
            self.Document.with_user(self.clerk_b).create(self._incoming_vals(self.unit))

    def test_clerk_office_does_not_keep_outgoing_book_of_unit_without_clerk(self):
        with self.assertRaises(AccessError):
            self._register_outgoing(user=self.clerk_vp, agency=self.unit)

    def test_admin_registering_agency_no_chain(self):
        with self.assertRaises(ValidationError):
            self.agency_b.registering_agency_id = self.unit

    def test_clerk_office_home_counts_drafts_of_books_he_keeps(self):
        Document = self.Document.with_user(self.clerk_vp)
        Document.create(self._incoming_vals(self.hdnd))
        Document.create(self._incoming_vals(self.unit))
        Document.create(self._outgoing_vals(self.hdnd))
        self.Document.create(self._incoming_vals(self.agency_b))
        data = self.env["idesk.home"].with_user(self.clerk_vp).get_home_data()
        counts = {c["key"]: c["count"] for c in data["counters"]}
        self.assertEqual(counts["incoming_to_register"], 2)
        self.assertEqual(counts["outgoing_to_register"], 1)

    def test_clerk_office_copies_council_document_in_council_series(self):
        resolution = self._register_outgoing(
            user=self.clerk_vp, agency=self.hdnd, type_id=self.type_nq.id
        )
        form = Form(self.env["idesk.document.copy"].with_user(self.clerk_vp))
        form.document_id = resolution
        self.assertEqual(form.agency_id, self.hdnd)
        form.signer_name = "Chủ tịch HĐND Thử"
        copy = form.save()
        copy.action_register()
        self.assertEqual(copy.symbol, "01/SY-HĐND")
