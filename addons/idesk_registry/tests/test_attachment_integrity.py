import base64
import hashlib
import io
import zlib
from contextlib import contextmanager

from PIL import Image

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase, make_scan_image

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
JAVASCRIPT = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def make_pdf(catalog=b"", extra=()):
    """A one-page PDF written object by object: ``catalog`` is added to the
    catalog, ``extra`` are the objects 4, 5… it may refer to."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def make_pdf_object_stream(catalog, action):
    """A PDF 1.5 whose catalog and object 5 (``action``) live in a compressed
    object stream indexed by a cross-reference stream, as modern writers make
    them: nothing of either can be found in the file's bytes."""
    packed = [(1, b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>"), (5, action)]
    header, data = b"", b""
    for number, body in packed:
        header += b"%d %d " % (number, len(data))
        data += body + b" "
    stream = zlib.compress(header + data)
    plain = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\n"
        b"stream\n%s\nendstream" % (len(header), len(stream), stream),
    }
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for number, body in plain.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[6] = len(out)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, 7):
        if number in (1, 5):
            index = 0 if number == 1 else 1
            rows.append(b"\x02" + (4).to_bytes(4, "big") + index.to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
        % (len(table), table, offsets[6])
    )
    return bytes(out)


def make_tiff(sizes):
    """A multi-page TIFF of blank pages of ``sizes``: a few KB whatever the
    pixels (CCITT group 4 compression)."""
    frames = [Image.new("1", size, 1) for size in sizes]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "TIFF",
        save_all=True,
        append_images=frames[1:],
        compression="group4",
        dpi=(300, 300),
    )
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestAttachmentIntegrity(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = make_scan_image(["QUYẾT ĐỊNH", "Số: 245/QĐ-UBND"], dpi=100)
        cls.other_page = make_scan_image(["QUYẾT ĐỊNH", "Số: 246/QĐ-UBND"], dpi=100)
        # Wider than the 1920 px Odoo shrinks images to.
        cls.large_page = make_scan_image(["QUYẾT ĐỊNH"], dpi=250)
        cls.document = cls.Document.with_user(cls.clerk)._register_new(
            [cls._incoming_vals()], confirm_duplicate=True
        )
        cls.document.with_user(cls.clerk)._attach_scan([("trang1.png", cls.page)])
        cls.scan = cls.document.scan_attachment_id
        cls.scan_bytes = cls.scan.raw
        cls.draft = cls.Document.with_user(cls.clerk).create(cls._incoming_vals())
        cls.draft.with_user(cls.clerk)._attach_scan([("trang1.png", cls.page)])
        # The bomb: 8 frames of 9000 × 9000 (648 Mpx) in a few KB.
        cls.tiff_bomb = make_tiff([(9000, 9000)] * 8)
        cls.Attachment = cls.env["ir.attachment"]

    @contextmanager
    def _refused(self, message):
        """A UserError saying ``message``; what the call wrote is rolled back
        as the failed request's transaction would be."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertIn(message, str(caught.exception))

    def _document_files(self, document):
        return self.Attachment.sudo().search(
            [("res_model", "=", "idesk.document"), ("res_id", "=", document.id)]
        )

    def _assert_scan_intact(self):
        self.env.invalidate_all()
        self.assertEqual(self.scan.raw, self.scan_bytes)
        self.assertEqual(
            hashlib.sha256(self.scan.raw).hexdigest(), self.document.scan_sha256
        )
        self.assertEqual(
            (self.scan.res_model, self.scan.res_id),
            ("idesk.document", self.document.id),
        )

    def _assert_scan_intact_beside(self, new_scan, previous_sha):
        self.assertEqual(self.scan.raw, self.scan_bytes, "the old version is untouched")
        self.assertEqual(hashlib.sha256(self.scan.raw).hexdigest(), previous_sha)
        self.assertIn(self.scan, self._document_files(self.document))
        self.assertEqual(
            hashlib.sha256(new_scan.raw).hexdigest(), self.document.scan_sha256
        )
        self.assertNotEqual(previous_sha, self.document.scan_sha256)

    def _attach_as(self, user, name, data, document=None):
        """Attach a file the way the chatter and RPC clients do: a plain create,
        as ``user`` or as the superuser (None)."""
        Attachment = self.Attachment.with_user(user) if user else self.Attachment.sudo()
        return Attachment.create(
            {
                "name": name,
                "raw": data,
                "res_model": "idesk.document",
                "res_id": (document or self.draft).id,
            }
        )

    def _assert_attach_refused(self, data, message, name="scan.pdf", users=None):
        before = self.Attachment.sudo().search_count([])
        for user in users or (self.clerk, None):
            with (
                self.subTest(user=user and user.login or "superuser"),
                self._refused(message),
            ):
                self._attach_as(user, name, data)
        self.assertEqual(self.Attachment.sudo().search_count([]), before)

    # ------------------------------------------------------------------
    # Registered originals are immutable
    # ------------------------------------------------------------------
    def test_clerk_overwrite_registered_scan_refused(self):
        other = self.Document._prepare_scan([("b.png", self.other_page)])[0]
        as_clerk = self.scan.with_user(self.clerk)
        for vals in (
            {"raw": other},
            {"datas": base64.b64encode(other)},
            {"res_id": self.draft.id},
            {"name": "forged.pdf"},
            {"mimetype": "text/html"},
        ):
            with (
                self.subTest(vals=list(vals)),
                self._refused("registered document"),
            ):
                as_clerk.write(vals)
        self._assert_scan_intact()

    def test_superuser_overwrite_or_delete_registered_scan_refused(self):
        other = self.Document._prepare_scan([("b.png", self.other_page)])[0]
        as_root = self.scan.sudo()
        for vals in (
            {"raw": other},
            {"db_datas": other},
            {"res_model": "res.partner", "res_id": self.env.user.partner_id.id},
        ):
            with (
                self.subTest(vals=list(vals)),
                self._refused("registered document"),
            ):
                as_root.write(vals)
        with self._refused("registered document"):
            as_root.unlink()
        with self._refused("registered document"):
            self.document.stamped_attachment_id.sudo().unlink()
        self._assert_scan_intact()

    def test_clerk_delete_registered_scan_refused(self):
        with self._refused("registered document"):
            self.scan.with_user(self.clerk).unlink()
        self._assert_scan_intact()

    def test_admin_move_files_to_other_storage_accepted(self):
        # Odoo's force_storage rewrites each file with its own bytes.
        self.scan.sudo()._migrate()
        self._assert_scan_intact()

    def test_clerk_delete_draft_removes_its_files(self):
        files = self._document_files(self.draft)
        self.assertTrue(files)
        self.draft.with_user(self.clerk).unlink()
        self.assertFalse(files.exists())

    def test_clerk_replace_registered_scan_keeps_previous_version(self):
        previous_sha = self.document.scan_sha256
        self.document.with_user(self.clerk)._attach_scan([("sua.png", self.other_page)])
        new_scan = self.document.scan_attachment_id
        self.assertNotEqual(new_scan, self.scan)
        self.assertEqual(new_scan.name, self.scan.name.replace(".pdf", " (2).pdf"))
        self._assert_scan_intact_beside(new_scan, previous_sha)
        note = self.document.message_ids.filtered(lambda m: "Scan replaced" in m.body)
        self.assertEqual(len(note), 1)
        for expected in (
            "Scan replaced",
            f"previous version {self.scan.name} (SHA-256 {previous_sha})",
            f"new version {new_scan.name}",
            f"SHA-256 {self.document.scan_sha256}",
        ):
            self.assertIn(expected, note.body)

    # ------------------------------------------------------------------
    # Every file reaching a document is checked as a scan
    # ------------------------------------------------------------------
    def test_clerk_attach_valid_scan_through_attachment_create_accepted(self):
        attachment = self._attach_as(
            self.clerk, "them.png", self.large_page, self.document
        )
        self.assertEqual(attachment.raw, self.large_page, "kept byte for byte")
        self.assertEqual(attachment.mimetype, "image/png")
        self._assert_scan_intact()

    def test_clerk_attach_executable_through_attachment_create_refused(self):
        self._assert_attach_refused(EXECUTABLE, "not a PDF or an image")

    def test_clerk_attach_through_default_context_refused(self):
        before = self.Attachment.sudo().search_count([])
        with self._refused("not a PDF or an image"):
            self.Attachment.with_user(self.clerk).with_context(
                default_res_model="idesk.document", default_res_id=self.draft.id
            ).create({"name": "scan.pdf", "raw": EXECUTABLE})
        with self._refused("not a PDF or an image"):
            self.Attachment.with_user(self.clerk).with_context(
                default_res_model="idesk.document",
                default_res_id=self.draft.id,
                default_raw=EXECUTABLE,
            ).create({"name": "scan.pdf"})
        self.assertEqual(self.Attachment.sudo().search_count([]), before)

    def test_clerk_attach_skip_checks_by_context_key_refused(self):
        # What the registry's own code passes cannot be sent over JSON.
        before = self.Attachment.sudo().search_count([])
        for key in ("idesk_scan_checked", "idesk_keep_original"):
            with self.subTest(key=key), self._refused("not a PDF or an image"):
                self.Attachment.with_user(self.clerk).with_context(
                    **{key: True}
                ).create(
                    {
                        "name": "scan.pdf",
                        "raw": EXECUTABLE,
                        "res_model": "idesk.document",
                        "res_id": self.draft.id,
                    }
                )
        self.assertEqual(self.Attachment.sudo().search_count([]), before)

    def test_clerk_message_post_with_javascript_pdf_refused(self):
        pdf = make_pdf(b"/OpenAction 4 0 R", [JAVASCRIPT])
        messages = len(self.draft.message_ids)
        files = self._document_files(self.draft)
        with self._refused("contains JavaScript"):
            self.draft.with_user(self.clerk).message_post(
                body="Bản sửa", attachments=[("sua.pdf", pdf)]
            )
        self.assertEqual(len(self.draft.message_ids), messages)
        self.assertEqual(self._document_files(self.draft), files)

    def test_clerk_chatter_upload_then_post_checked(self):
        # The chatter uploads to the composer first, then message_post moves
        # the file onto the document.
        pending = self.Attachment.with_user(self.clerk).create(
            {"name": "scan.pdf", "raw": EXECUTABLE, "res_model": "mail.compose.message"}
        )
        with self._refused("not a PDF or an image"):
            self.draft.with_user(self.clerk).message_post(
                body="Bản quét", attachment_ids=pending.ids
            )
        self.assertEqual(pending.res_model, "mail.compose.message")

    def test_superuser_overwrite_draft_scan_with_executable_refused(self):
        scan = self.draft.scan_attachment_id
        original = scan.raw
        for vals in ({"raw": EXECUTABLE}, {"datas": base64.b64encode(EXECUTABLE)}):
            with (
                self.subTest(vals=list(vals)),
                self._refused("not a PDF or an image"),
            ):
                scan.sudo().write(vals)
        self.assertEqual(scan.raw, original)

    # ------------------------------------------------------------------
    # Resource limits: measured from the headers, before decoding
    # ------------------------------------------------------------------
    def test_clerk_attach_tiff_bomb_refused(self):
        self.assertLess(len(self.tiff_bomb), 100_000, "a small file")
        before = self.Attachment.sudo().search_count([])
        with self._refused("larger than 40 million pixels"):
            self.draft.with_user(self.clerk)._attach_scan(
                [("bom.tiff", self.tiff_bomb)]
            )
        self.assertEqual(self.Attachment.sudo().search_count([]), before)
        self._assert_attach_refused(
            self.tiff_bomb, "larger than 40 million pixels", "bom.tiff"
        )

    def test_clerk_attach_tiff_large_later_frame_refused(self):
        tiff = make_tiff([(1000, 1000), (9000, 9000)])
        self._assert_attach_refused(tiff, "larger than 40 million pixels", "b.tiff")

    def test_clerk_attach_tiff_too_many_frames_refused(self):
        tiff = make_tiff([(200, 200)] * 101)
        self._assert_attach_refused(tiff, "more than 100 pages", "b.tiff")

    def test_clerk_attach_multipage_tiff_accepted(self):
        self.draft.with_user(self.clerk)._attach_scan(
            [("ba-trang.tiff", make_tiff([(2480, 3508)] * 3))]
        )
        self.assertEqual(self.draft.scan_dpi, 300)
        self.assertIn("3 pages", self.draft.message_ids[0].body)

    # ------------------------------------------------------------------
    # PDF active content
    # ------------------------------------------------------------------
    def test_clerk_attach_pdf_with_active_content_refused(self):
        cases = {
            "open action": (make_pdf(b"/OpenAction 4 0 R", [JAVASCRIPT]), "JavaScript"),
            "hex-escaped name": (
                make_pdf(b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
                "JavaScript",
            ),
            "object stream": (
                make_pdf_object_stream(
                    b"/OpenAction 5 0 R", b"<< /S /J#61vaScript /JS (x) >>"
                ),
                "JavaScript",
            ),
            "page action": (
                make_pdf(b"/AA << /WC 4 0 R >>", [JAVASCRIPT]),
                "an action run when the file is opened",
            ),
            "launch": (
                make_pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
                "starts a program",
            ),
            "embedded file": (
                make_pdf(
                    b"/Names << /EmbeddedFiles 4 0 R >>",
                    [b"<< /Names [(a.exe) 5 0 R] >>", b"<< /Type /Filespec >>"],
                ),
                "an embedded file",
            ),
            "XFA": (make_pdf(b"/AcroForm << /Fields [] /XFA 4 0 R >>", [b"[]"]), "XFA"),
            "submit": (
                make_pdf(b"/OpenAction << /S /SubmitForm /F (http://x) >>"),
                "sends or imports data",
            ),
        }
        self.assertNotIn(b"JavaScript", cases["object stream"][0])
        for case, (pdf, reason) in cases.items():
            with self.subTest(case=case):
                self._assert_attach_refused(pdf, reason, users=[self.clerk])
                with self._refused(reason):
                    self.draft.with_user(self.clerk)._attach_scan([("a.pdf", pdf)])

    def test_clerk_attach_plain_pdf_accepted(self):
        # The same files without their active part pass: the refusals above
        # are for what the files do, not for how they are written.
        for pdf in (
            make_pdf(b"/OpenAction [3 0 R /Fit]"),
            make_pdf_object_stream(b"/OpenAction 5 0 R", b"[3 0 R /Fit]"),
        ):
            attachment = self._attach_as(self.clerk, "ok.pdf", pdf)
            self.assertEqual(attachment.mimetype, "application/pdf")

    # ------------------------------------------------------------------
    # Upload wizard
    # ------------------------------------------------------------------
    def _wizard_create(self, main, pages=()):
        return (
            self.env["idesk.scan.upload.wizard"]
            .with_user(self.clerk)
            .create(
                {
                    "document_id": self.draft.id,
                    "file_data": base64.b64encode(main),
                    "file_name": "trang1.png",
                    "line_ids": [
                        (0, 0, {"file_data": base64.b64encode(page), "file_name": name})
                        for name, page in pages
                    ],
                }
            )
        )

    def test_clerk_upload_wizard_refused_page_not_stored(self):
        too_big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (30 * 1024 * 1024)
        Wizard = self.env["idesk.scan.upload.wizard"].sudo()
        Line = self.env["idesk.scan.upload.line"].sudo()
        before = (Wizard.search_count([]), Line.search_count([]))
        for pages, message in (
            ([("trang2.png", too_big)], "larger than the allowed 20 MB"),
            ([("trang2.png", EXECUTABLE)], "not a PDF or an image"),
            ([("trang2.tiff", self.tiff_bomb)], "40 million pixels"),
            ([("trang2.pdf", make_pdf())], "PDF alone"),
        ):
            with (
                self.subTest(message=message),
                self._refused(message),
            ):
                self._wizard_create(self.page, pages)
        with self._refused("PDF alone"):
            self._wizard_create(make_pdf(), [("trang2.png", self.page)])
        with self._refused("not a PDF or an image"):
            self._wizard_create(EXECUTABLE)
        self.assertEqual((Wizard.search_count([]), Line.search_count([])), before)
        wizard = self._wizard_create(self.page, [("trang2.png", self.other_page)])
        with self._refused("not a PDF or an image"):
            wizard.line_ids.write({"file_data": base64.b64encode(EXECUTABLE)})

    def test_clerk_scan_never_public_whatever_the_context(self):
        """A file of iDESK never opens without login: ``default_public`` sent
        with the call that attaches it changes nothing."""
        document = self.Document.with_user(self.clerk).create(self._incoming_vals())
        document.with_user(self.clerk).with_context(default_public=True)._attach_scan(
            [("scan.png", make_scan_image(["QUYẾT ĐỊNH"], dpi=150))]
        )
        self.assertTrue(document.scan_attachment_id)
        self.assertFalse(document.scan_attachment_id.public)
