import base64
import io
import subprocess
import tempfile

from PIL import Image

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_drafting.tests.common import DraftingCommon
from odoo.addons.idesk_drafting.tests.test_drafting_seal import images_by_page
from odoo.addons.idesk_signature.tests.common_signing import (
    AGENCY_TOKEN,
    LEADER_TOKEN,
    OTHER_TOKEN,
    PIN,
    test_tokens,
)
from odoo.addons.idesk_signature.tests.signed_pdf import signatures
from odoo.addons.idesk_signature.tools import pki, sign, softhsm


def text_of(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-raw", handle.name, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout.decode()


def png(width, height, colour):
    buffer = io.BytesIO()
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste(colour, (0, height // 3, width, height // 3 + 4))
    image.save(buffer, "PNG")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestDraftingSignature(DraftingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki, cls.other_pki = test_tokens()
        Key = cls.env["idesk.signing.key"]
        cls.chairman_key = Key.create(
            {
                "owner_type": "user",
                "user_id": cls.chairman.id,
                "module_path": softhsm.MODULE,
                "token_label": LEADER_TOKEN,
                "key_label": "signing",
                "certificate_pem": False,
            }
        )
        cls.chairman_key._idesk_system().write(
            Key._certificate_vals(cls.pki.leader.cert_der)
        )
        cls.office_key = Key.create(
            {
                "owner_type": "agency",
                "agency_id": cls.office.id,
                "module_path": softhsm.MODULE,
                "token_label": AGENCY_TOKEN,
                "key_label": "signing",
            }
        )
        with file_open("idesk_drafting/static/img/demo_seal.png", "rb") as handle:
            cls.office.seal_image = base64.b64encode(handle.read())
        cls.chairman.idesk_signature_image = base64.b64encode(
            png(240, 90, (0, 0, 160, 255))
        )

    def _draft_at_signer(self, summary="Quyết định phê duyệt dự toán", appendix=False):
        draft = self.Draft.with_user(self.drafter).create(
            {
                "type_id": self.doc_type.id,
                "summary": summary,
                "recipient_agency_ids": [(6, 0, self.commune.ids)],
                "signer_id": self.chairman.id,
                "signer_authority": "TM.",
                "signer_position": "Chủ tịch",
            }
        )
        draft._add_version(
            "du-thao.pdf",
            sample_draft_pdf(summary, "Nội dung.", signer=self.chairman.name),
        )
        if appendix:
            self._upload(
                draft,
                "phu-luc.pdf",
                sample_draft_pdf("Phụ lục", "Bảng số liệu."),
                kind="appendix",
            )
        draft.with_user(self.drafter).action_submit()
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        return draft

    def _leader_signs(self, draft, pin=PIN, user=None):
        return self._decide(draft, user or self.chairman, "sign", consent=True, pin=pin)

    def _clerk_issues(self, draft, pin=PIN):
        action = draft.with_user(self.clerk).action_issue()
        self.assertEqual(action["res_model"], "idesk.draft.issue.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create({"pin": pin})
        )
        return wizard.action_open_document()

    def _book_next(self):
        self.env.invalidate_all()
        book = self.env["idesk.register.book"]._get_default_book(
            self.office,
            "outgoing",
            fields.Date.context_today(self.env.user).year,
            doc_type=self.doc_type,
        )
        return book.sudo().sequence_id.number_next_actual

    # ------------------------------------------------------------------
    def test_leader_signs_then_clerk_issues_with_the_office_signature(self):
        draft = self._draft_at_signer(appendix=True)
        approved = draft.main_version_id.attachment_id.raw
        self._leader_signs(draft)
        self.assertEqual(draft.state, "signed")
        self.assertTrue(draft.signed_pdf_id.raw.startswith(approved))
        # The document states it in Vietnamese, its language.
        self.assertRegex(draft.sign_statement, "Ký số trên iDESK|Signed digitally")
        [(name, signer, valid, _summary)] = signatures(
            draft.signed_pdf_id.raw, self.pki
        )
        self.assertEqual((signer, valid), (pki.LEADER_NAME, True))

        self._clerk_issues(draft)
        document = draft.document_id
        self.assertEqual(draft.state, "issued")
        self.assertTrue(document.stamped)
        issued = document.scan_attachment_id.raw
        self.assertTrue(issued.startswith(draft.signed_pdf_id.raw))
        found = signatures(issued, self.pki)
        # The leader's signature still holds over the approved version (the
        # issue only filled in fields); the Office's covers the whole file.
        self.assertEqual(
            [(f[1], f[2]) for f in found],
            [(pki.LEADER_NAME, True), (pki.AGENCY_NAME, True)],
        )
        self.assertIn("FORM_FILLING", found[0][3])
        self.assertIn("UNTOUCHED", found[1][3])
        # Appearance: the signature image and the seal on the last page (the
        # only page here), the number, the agency and the time in the text.
        sizes = {row[2:] for row in images_by_page(issued) if row[1] == "image"}
        self.assertIn((240, 90), sizes)
        self.assertIn((300, 300), sizes)
        text = text_of(issued)
        self.assertIn(f"Số: {document.symbol}", text)
        self.assertIn(self.office.name, text)
        self.assertRegex(text, r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")
        # The appendix: no seal, number, time and agency at the top right.
        appendix = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "idesk.document"),
                ("res_id", "=", document.id),
                ("name", "=like", "phu-luc%"),
            ]
        )
        self.assertEqual(len(appendix), 1)
        appendix_text = text_of(appendix.raw)
        self.assertIn(f"Số: {document.symbol}", appendix_text)
        self.assertIn(self.office.name, appendix_text)
        self.assertNotIn((300, 300), {row[2:] for row in images_by_page(appendix.raw)})
        [(_n, appendix_signer, appendix_valid, _s)] = signatures(appendix.raw, self.pki)
        self.assertEqual((appendix_signer, appendix_valid), (pki.AGENCY_NAME, True))
        # The commune registers its received copy: checked on arrival, valid,
        # signed by the chairman and the town committee.
        self.env["idesk.trusted.certificate"].create(
            {"certificate_file": base64.b64encode(self.pki.root.cert_pem)}
        )
        assignment = self.env["idesk.assignment"].search(
            [("document_id", "=", document.id), ("agency_id", "=", self.commune.id)]
        )
        action = assignment.with_user(self.commune_clerk).action_register_received()
        received = self.env["idesk.document"].browse(action["res_id"])
        self.assertEqual(received.signature_verdict, "valid")
        self.assertIn(pki.LEADER_NAME, received.signature_signers)
        self.assertIn(pki.AGENCY_NAME, received.signature_signers)

    def test_leader_wrong_pin_signs_nothing(self):
        draft = self._draft_at_signer()
        with self.assertRaisesRegex(UserError, "PIN is wrong"), self.env.cr.savepoint():
            self._leader_signs(draft, pin="000000")
        self.env.invalidate_all()
        self.assertEqual(draft.state, "review")
        self.assertFalse(draft.signed_pdf_id)

    def test_clerk_wrong_pin_issues_nothing_and_burns_no_number(self):
        draft = self._draft_at_signer()
        self._leader_signs(draft)
        start = self._book_next()
        with self.assertRaisesRegex(UserError, "PIN is wrong"), self.env.cr.savepoint():
            self._clerk_issues(draft, pin="000000")
        self.env.invalidate_all()
        self.assertEqual(draft.state, "signed")
        self.assertFalse(draft.document_id)
        self.assertEqual(self._book_next(), start)
        self._clerk_issues(draft)
        self.assertEqual(draft.document_id.number, start)

    def test_clerk_issue_without_the_agency_token_is_refused(self):
        draft = self._draft_at_signer()
        self._leader_signs(draft)
        self.office_key.token_label = "no-such-token"
        with (
            self.assertRaisesRegex(UserError, "not connected"),
            self.env.cr.savepoint(),
        ):
            self._clerk_issues(draft)
        self.assertEqual(draft.state, "signed")

    def test_leader_cannot_sign_with_another_leaders_key(self):
        # His key record pointed at a token holding someone else's key: the
        # certificate registered for him does not match, nothing is signed.
        draft = self._draft_at_signer()
        self.chairman_key.token_label = OTHER_TOKEN
        with (
            self.assertRaisesRegex(UserError, "not the one registered"),
            self.env.cr.savepoint(),
        ):
            self._leader_signs(draft)
        self.env.invalidate_all()
        self.assertEqual(draft.state, "review")
        # Another leader cannot sign the chairman's draft with his own key.
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._leader_signs(draft, user=self.office_head)

    def test_leader_uploads_a_pdf_he_signed_on_his_computer(self):
        draft = self._draft_at_signer()
        approved = draft.main_version_id.attachment_id.raw
        with sign.pkcs11_signer(
            sign.Pkcs11Key(softhsm.MODULE, LEADER_TOKEN, "signing"), PIN
        ) as signer:
            signed = sign.sign_pdf(approved, signer, "Signature1")
        action = draft.with_user(self.chairman).action_upload_signed()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.chairman)
            .with_context(**action["context"])
            .create({"signed_file": base64.b64encode(signed), "consent": True})
        )
        wizard.action_confirm()
        self.assertEqual(draft.state, "signed")
        self.assertEqual(draft.signed_pdf_id.raw, signed)
        self.assertIn(format(pki.SERIALS["leader"], "X"), draft.signer_certificate)

    def test_leader_upload_of_another_content_or_signer_is_refused(self):
        draft = self._draft_at_signer()
        key = sign.Pkcs11Key(softhsm.MODULE, LEADER_TOKEN, "signing")
        other_content = sample_draft_pdf("Nội dung khác", "Đã sửa sau khi duyệt.")
        with sign.pkcs11_signer(key, PIN) as signer:
            wrong = sign.sign_pdf(other_content, signer, "Signature1")
        upload = draft.with_user(self.chairman)
        with self.assertRaisesRegex(UserError, "not the approved version"):
            upload._accept_signed_upload(wrong, consent=True)
        approved = draft.main_version_id.attachment_id.raw
        with sign.pkcs11_signer(
            sign.Pkcs11Key(softhsm.MODULE, OTHER_TOKEN, "signing"), PIN
        ) as signer:
            by_other = sign.sign_pdf(approved, signer, "Signature1")
        with self.assertRaisesRegex(UserError, "not by you"):
            upload._accept_signed_upload(by_other, consent=True)
        with self.assertRaisesRegex(UserError, "no digital signature"):
            upload._accept_signed_upload(approved, consent=True)
        # A byte changed after signing breaks the signature.
        with sign.pkcs11_signer(key, PIN) as signer:
            good = sign.sign_pdf(approved, signer, "Signature1")
        tampered = bytearray(good)
        index = good.index(b"/Contents", len(approved)) - 40
        tampered[index] = ord(b"X") if tampered[index] != ord(b"X") else ord(b"Y")
        with self.assertRaises(UserError):
            upload._accept_signed_upload(bytes(tampered), consent=True)
        self.assertEqual(draft.state, "review")
