import unicodedata

from odoo.api import call_kw
from odoo.tests import tagged

from odoo.addons.idesk_registry.models.idesk_document_search import (
    AGENCY_ORDER_INDEX,
    BOOK_ORDER_INDEX,
    SEARCH_INDEX,
    search_patterns,
)

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


@tagged("post_install", "-at_install")
class TestSearchScope(IdeskRegistryCase):
    """A word search reads only the matches of the user's agencies and of what is
    shared with them (for speed); it must find exactly what the record rules show."""

    WORD = "Quyết định về khu xylophone Nhơn Lộc"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        register = cls.Document.with_user(cls.clerk)._register_new
        cls.doc_a = register([cls._incoming_vals(summary=cls.WORD)])
        cls.doc_s = cls.Document.sudo()._register_new(
            [cls._incoming_vals(cls.agency_s, summary=cls.WORD)]
        )
        cls.doc_b_agency = cls.Document.with_user(cls.clerk_b)._register_new(
            [cls._incoming_vals(cls.agency_b, summary=cls.WORD)]
        )
        cls.doc_b_person = cls.Document.with_user(cls.clerk_b)._register_new(
            [cls._incoming_vals(cls.agency_b, summary=cls.WORD, page_count=3)],
            confirm_duplicate=True,
        )
        cls.doc_b_private = cls.Document.with_user(cls.clerk_b)._register_new(
            [cls._incoming_vals(cls.agency_b, summary=cls.WORD, page_count=4)],
            confirm_duplicate=True,
        )
        cls.doc_b_agency.sudo().shared_agency_ids = cls.agency_a
        cls.doc_b_person.sudo().shared_user_ids = cls.users["officer"]

    def _find(self, user, text):
        return self.Document.with_user(user).search(
            [("search_anything", "ilike", text)]
        )

    def _shown_by_rules(self, user, text):
        domain = [("search_text", "like", p) for p in search_patterns(text)]
        return self.Document.with_user(user).search(domain)

    def test_every_role_search_finds_exactly_what_the_rules_show(self):
        users = [*self.users.values(), self.clerk_b, self.clerk_vp]
        for user in users:
            for text in ("xylophone", "khu xylophone nhon loc", "XYLOPHONE Nhơn"):
                with self.subTest(user=user.login, text=text):
                    self.assertEqual(
                        self._find(user, text), self._shown_by_rules(user, text)
                    )

    def test_officer_search_finds_own_shared_with_agency_and_with_him(self):
        self.assertEqual(
            self._find(self.users["officer"], "xylophone"),
            self.doc_a | self.doc_b_agency | self.doc_b_person,
        )
        self.assertEqual(
            self._find(self.users["clerk"], "xylophone"),
            self.doc_a | self.doc_b_agency,
        )

    def test_officer_list_finds_a_document_shared_after_the_previous_page(self):
        documents = self.Document.with_user(self.users["officer"])
        domain = [("search_anything", "ilike", "xylophone")]
        spec = {"display_name": {}}
        self.assertEqual(documents.web_search_read(domain, spec)["length"], 3)
        self.doc_b_private.sudo().shared_user_ids = self.users["officer"]
        page = documents.web_search_read(domain, spec, limit=2, count_limit=1001)
        self.assertEqual(page["length"], 4)
        self.assertEqual(len(page["records"]), 2)

    def test_officer_list_search_as_the_web_client_calls_it(self):
        # The web client calls the list's search as a model method (no ids).
        result = call_kw(
            self.Document.with_user(self.users["officer"]),
            "web_search_read",
            [],
            {
                "domain": [("search_anything", "ilike", "xylophone")],
                "specification": {"display_name": {}},
                "limit": 80,
                "count_limit": 1001,
            },
        )
        self.assertEqual(result["length"], 3)

    def test_leader_search_finds_sub_agencies_documents(self):
        self.assertEqual(
            self._find(self.users["leader"], "xylophone"),
            self.doc_a | self.doc_s | self.doc_b_agency,
        )

    def test_clerk_of_other_agency_search_finds_only_its_own(self):
        self.assertEqual(
            self._find(self.clerk_b, "xylophone"),
            self.doc_b_agency | self.doc_b_person | self.doc_b_private,
        )

    def test_clerk_search_short_word_goes_with_the_next_one(self):
        self.assertEqual(search_patterns("Sở Tài chính"), ["so tai", "chinh"])
        self.assertEqual(search_patterns("Nông thôn về"), ["nong", "thon ve"])
        self.assertEqual(search_patterns("02"), ["02"])
        self.assertEqual(search_patterns("  "), [])
        body = self._register_incoming(
            issuing_partner_id=False, issuing_body_name="Sở Tài chính Thử"
        )
        self._register_incoming(
            summary="Báo cáo tài chính và hồ sơ lưu trữ", page_count=5
        )
        self.assertEqual(self._find(self.clerk, "so tai chinh thu"), body)

    def test_integrator_search_index_covers_agency_and_text(self):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = 'idesk_document' AND indexname IN %s",
            [(SEARCH_INDEX, BOOK_ORDER_INDEX, AGENCY_ORDER_INDEX)],
        )
        definitions = dict(self.env.cr.fetchall())
        self.assertIn(
            "gin (agency_id, search_text gin_trgm_ops)", definitions[SEARCH_INDEX]
        )
        self.assertIn(
            "(book_id, registration_date DESC, id DESC)", definitions[BOOK_ORDER_INDEX]
        )
        self.assertIn(
            "(agency_id, registration_date DESC, id DESC)",
            definitions[AGENCY_ORDER_INDEX],
        )
