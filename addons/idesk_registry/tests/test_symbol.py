from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestSymbol(IdeskRegistryCase):
    def test_clerk_register_decision_symbol_type_agency(self):
        first = self._register_outgoing()
        second = self._register_outgoing()
        self.assertEqual(first.symbol, "01/QĐ-NV")
        self.assertEqual(second.symbol, "02/QĐ-NV")

    def test_clerk_office_register_letter_symbol_committee_unit(self):
        letter = self._register_outgoing(
            user=self.clerk_vp,
            agency=self.agency_vp,
            type_id=self.type_cv.id,
            drafting_agency_id=self.agency_vp.id,
            summary="V/v báo cáo tình hình kinh tế - xã hội",
        )
        decision = self._register_outgoing(user=self.clerk_vp, agency=self.agency_vp)
        self.assertEqual(letter.symbol, "01/UBND-VP")
        self.assertEqual(decision.symbol, "02/QĐ-UBND")
        self.assertEqual(decision.display_name.split(" — ")[0], "02/QĐ-UBND")

    def test_clerk_register_letter_without_drafting_unit_refused(self):
        with self.assertRaises(UserError):
            self._register_outgoing(type_id=self.type_cv.id, drafting_agency_id=False)

    def test_clerk_register_symbol_unique_in_year(self):
        self._register_outgoing()
        book = self.env["idesk.register.book"]._get_default_book(
            self.agency_a, "outgoing", self.today.year
        )
        # A family book of the same agency keeps its own numbers: the symbol 01/QĐ-NV would clash.
        family = self.env["idesk.register.book"].create(
            {
                "name": "Sổ quyết định",
                "agency_id": self.agency_a.id,
                "direction": "outgoing",
                "year": self.today.year,
                "is_default": False,
                "type_ids": [(6, 0, self.type_qd.ids)],
            }
        )
        self.assertNotEqual(book, family)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._register_outgoing()
        self.env.invalidate_all()
        self.assertEqual(
            family.next_number, 1, "the failed registration burnt no number"
        )

    def test_clerk_register_signer_authority_prefixes(self):
        labels = dict(self.Document._fields["signer_authority"].selection)
        self.assertEqual(sorted(labels), sorted(["TM.", "KT.", "TL.", "TUQ.", "Q."]))
        document = self._register_outgoing(signer_authority="TUQ.")
        vals = document._prepare_received_copy_vals(self.agency_b)
        self.assertEqual(vals["signer_name"], "TUQ. Phó Chủ tịch Nguyễn Văn An")
        self.assertEqual(vals["origin_number_symbol"], "01/QĐ-NV")
        self.assertEqual(vals["agency_id"], self.agency_b.id)
        self.assertEqual(vals["direction"], "incoming")

    def test_clerk_stamp_outgoing_recorded(self):
        document = self._register_outgoing(
            recipient_agency_ids=[(6, 0, self.agency_b.ids)],
            recipient_partner_ids=[(6, 0, self.partner_province.ids)],
            copies_count=4,
            file_copy_holder_id=self.clerk.id,
        )
        document.with_user(self.clerk).action_stamp()
        self.assertTrue(document.stamped)
        self.assertEqual(document.stamped_by_id, self.clerk)
        self.assertTrue(document.stamped_date)
        with self.assertRaises(UserError):
            document.with_user(self.clerk).action_stamp()
        with self.assertRaises(AccessError):
            self._register_outgoing().with_user(self.users["officer"]).action_stamp()

    def test_clerk_received_copy_registered_in_other_book(self):
        outgoing = self._register_outgoing()
        vals = outgoing._prepare_received_copy_vals(self.agency_b)
        received = self.Document.with_user(self.clerk_b)._register_new([vals])
        self.assertEqual(received.number_display, "01")
        self.assertEqual(received.issuing_agency_id, self.agency_a)
        self.assertEqual(received.book_id.agency_id, self.agency_b)
