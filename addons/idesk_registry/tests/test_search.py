import unicodedata

from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestSearch(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = cls.Document.with_user(cls.clerk)._register_new(
            [
                cls._incoming_vals(
                    summary="Quyết định công nhận xã Nhơn Hậu đạt chuẩn nông thôn mới",
                    origin_number_symbol="1032/QĐ-UBND",
                )
            ]
        )
        cls.letter = cls.Document.with_user(cls.clerk)._register_new(
            [
                cls._incoming_vals(
                    summary=unicodedata.normalize(
                        "NFD", "V/v đôn đốc báo cáo tình hình đê điều"
                    ),
                    origin_number_symbol="87/STC-NS",
                    type_id=cls.type_cv.id,
                    issuing_partner_id=False,
                    issuing_body_name="Sở Tài chính tỉnh Bình Định",
                )
            ]
        )

    def _find(self, text):
        return self.Document.with_user(self.clerk).search(
            [("search_anything", "ilike", text)]
        )

    def test_clerk_search_unaccented_word_finds_accented(self):
        self.assertEqual(self._find("quyet dinh"), self.decision)
        self.assertEqual(self._find("Nhon Hau"), self.decision)
        self.assertEqual(self._find("de dieu"), self.letter)

    def test_clerk_search_accented_and_decomposed_input(self):
        self.assertEqual(self._find("Nhơn Hậu"), self.decision)
        self.assertEqual(
            self._find(unicodedata.normalize("NFD", "Nhơn Hậu")), self.decision
        )
        self.assertEqual(self._find("ĐÊ ĐIỀU"), self.letter)

    def test_clerk_search_stored_text_is_composed(self):
        self.assertEqual(
            self.letter.summary, unicodedata.normalize("NFC", self.letter.summary)
        )
        self.assertIn("đôn đốc", self.letter.summary)

    def test_clerk_search_number_symbol_and_issuing_body(self):
        self.assertEqual(self._find("1032/qd-ubnd"), self.decision)
        self.assertEqual(self._find("1032/QĐ"), self.decision)
        self.assertEqual(self._find("so tai chinh"), self.letter)
        self.assertEqual(self._find("02"), self.letter)

    def test_clerk_search_words_in_any_order(self):
        self.assertEqual(self._find("nong thon Nhon"), self.decision)
        self.assertFalse(self._find("nong thon de dieu"))

    def test_clerk_search_view_filters(self):
        Document = self.Document.with_user(self.clerk)
        urgent = self._register_incoming(urgency_id=self.urgency_flash.id)
        self.assertEqual(Document.search([("is_urgent", "=", True)]), urgent)
        quarter = self.decision.quarter
        self.assertTrue(quarter)
        self.assertIn(
            self.decision,
            Document.search(
                [("quarter", "=", quarter), ("year", "=", self.today.year)]
            ),
        )
        self.assertEqual(
            Document.search([("type_id", "=", self.type_cv.id)]), self.letter
        )
        groups = Document.read_group([], ["book_id"], ["book_id"])
        self.assertEqual(groups[0]["book_id_count"], 3)
