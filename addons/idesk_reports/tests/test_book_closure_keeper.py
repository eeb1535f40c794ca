from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdeskReportsCase


@tagged("post_install", "-at_install")
class TestBookClosureKeeper(IdeskReportsCase):
    """The Office's clerk keeps the books of the standing committee of the
    People's Council (named in its clerks): he closes their quarters and reads
    the closed ones; a clerk who keeps nothing of it does neither."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.council = cls._create_agency("Thường trực HĐND Thử", "HĐNDT", "council")
        cls.council.clerk_ids = cls.clerk
        cls.other_clerk = cls._user("rep_clerk_nh", "clerk", cls.unit)
        cls.council_book = cls.env["idesk.register.book"].create(
            {
                "name": f"Sổ văn bản đến {cls.year} — HĐND Thử",
                "agency_id": cls.council.id,
                "direction": "incoming",
                "year": cls.year,
                "is_default": False,
            }
        )
        cls._entry(cls.council_book, 1, cls._quarter_day(1))
        cls.Closure = cls.env["idesk.book.closure"]

    def test_office_clerk_closes_quarter_of_council_book_he_keeps(self):
        closure = self.Closure.with_user(self.clerk).action_close_quarter(
            self.council_book.id, 1
        )
        self.assertEqual(closure.state, "closed")
        self.assertEqual(
            self.Closure.with_user(self.clerk).search(
                [("book_id", "=", self.council_book.id)]
            ),
            closure,
        )
        self.assertFalse(
            self.Closure.with_user(self.other_clerk).search(
                [("book_id", "=", self.council_book.id)]
            )
        )

    def test_clerk_of_another_agency_cannot_close_council_book(self):
        with self.assertRaises(AccessError):
            self.Closure.with_user(self.other_clerk).action_close_quarter(
                self.council_book.id, 1
            )
        self.assertFalse(
            self.Closure.sudo().search([("book_id", "=", self.council_book.id)])
        )
