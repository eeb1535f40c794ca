from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestDocumentCopy(IdeskRegistryCase):
    """Copies (SY, TrS, SL) each have their own yearly series per agency,
    separate from the outgoing documents' numbers, with no gap."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.original = cls.Document._register_new([cls._outgoing_vals(cls.agency_vp)])
        cls.Copy = cls.env["idesk.document.copy"]

    def _copy(self, kind="SY", user=None, original=None, **values):
        vals = {
            "document_id": (original or self.original).id,
            "kind": kind,
            "agency_id": self.agency_vp.id,
            "signer_authority": "TL.",
            "signer_position": "Chánh Văn phòng",
            "signer_name": "Lê Văn Chánh",
            "recipients": "UBND các xã, phường",
            "copies_count": 15,
        }
        if kind == "TrS":
            vals["extract_part"] = "Điều 1 và Điều 2"
        vals.update(values)
        return self.Copy.with_user(user or self.clerk_vp).create(vals)

    def _register(self, kind="SY", **values):
        copy = self._copy(kind, **values)
        copy.action_register()
        return copy

    def test_clerk_copies_each_form_its_own_series(self):
        copies = [
            self._register("SY"),
            self._register("SY"),
            self._register("TrS"),
            self._register("SL"),
            self._register("TrS", issuer_agency_id=self.agency_vp.id),
        ]
        self.assertEqual(
            [c.symbol for c in copies],
            ["01/SY-UBND", "02/SY-UBND", "01/TrS-UBND", "01/SL-UBND", "01/TrS-VP"],
        )
        # The outgoing documents' numbers go on in their own book.
        self.assertEqual(self.original.symbol, "01/QĐ-UBND")
        next_outgoing = self._register_outgoing(
            user=self.clerk_vp, agency=self.agency_vp
        )
        self.assertEqual(next_outgoing.symbol, "02/QĐ-UBND")
        self.assertEqual(copies[0].state, "registered")
        self.assertEqual(copies[0].year, self.today.year)

    def test_clerk_copy_form_shows_original(self):
        copy = self._copy()
        self.assertEqual(copy.original_reference, "01/QĐ-UBND")
        self.assertEqual(copy.original_summary, self.original.summary)
        self.assertEqual(copy.original_date, self.original.document_date)
        self.assertEqual(self.original.with_user(self.clerk_vp).copy_count, 1)
        arch = self.Copy.with_user(self.clerk_vp).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="original_summary"', arch)
        action = copy.action_open_original()
        self.assertEqual(action["res_id"], self.original.id)

    def test_clerk_copy_series_restart_each_year(self):
        with freeze_time("2025-12-31 09:00:00"):
            last_year = [self._register("SY") for _i in range(2)]
        with freeze_time("2026-01-02 09:00:00"):
            new_year = self._register("SY")
        self.assertEqual([c.symbol for c in last_year], ["01/SY-UBND", "02/SY-UBND"])
        self.assertEqual(new_year.symbol, "01/SY-UBND")
        self.assertEqual((last_year[0].year, new_year.year), (2025, 2026))

    def test_clerk_copy_refused_burns_no_number(self):
        first = self._register("SL")
        unsigned = self._copy("SL", signer_name=False)
        with self.assertRaises(UserError):
            unsigned.action_register()
        self.assertEqual(unsigned.state, "draft")
        # A registration rolled back after its number was taken gives it back.
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            self._register("SL")
            raise RuntimeError("the server stops before the commit")
        second = self._register("SL")
        self.assertEqual([first.symbol, second.symbol], ["01/SL-UBND", "02/SL-UBND"])

    def test_clerk_copy_extract_needs_its_part(self):
        copy = self._copy("TrS", extract_part=False)
        with self.assertRaises(UserError):
            copy.action_register()
        self.assertFalse(copy.number)

    def test_clerk_registered_copy_frozen(self):
        copy = self._register("SY")
        with self.assertRaises(UserError):
            copy.with_user(self.clerk_vp).write({"signer_name": "Người khác"})
        with self.assertRaises(UserError):
            copy.with_user(self.clerk_vp).unlink()
        with self.assertRaises(UserError):
            copy.with_user(self.clerk_vp).write({"symbol": "99/SY-UBND"})

    def test_clerk_of_another_agency_cannot_copy_or_number(self):
        with self.assertRaises(AccessError):
            self._copy(user=self.clerk_b)
        copy = self._copy()
        with self.assertRaises(AccessError):
            copy.with_user(self.clerk_b).action_register()
        self.assertFalse(
            self.Copy.with_user(self.clerk_b).search([("id", "=", copy.id)])
        )
        # An officer of the agency reads the copies, does not number them.
        officer_vp = self._create_user("copy_officer_vp", "officer", self.agency_vp)
        self.assertEqual(self.Copy.with_user(officer_vp).search([]), copy)
        with self.assertRaises(AccessError):
            copy.with_user(officer_vp).action_register()
        self.assertEqual(copy.state, "draft")

    def test_clerk_cannot_copy_document_he_cannot_read(self):
        secret_of_b = self.Document._register_new([self._outgoing_vals(self.agency_b)])
        with self.assertRaises(AccessError):
            self._copy(original=secret_of_b)
