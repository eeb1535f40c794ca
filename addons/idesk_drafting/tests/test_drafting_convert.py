import http.server
import io
import threading
import zipfile

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.idesk_drafting.tools import convert, marks

from .common import DraftingCommon, libreoffice_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"


def linked_image_docx(url, text="Dự thảo có ảnh liên kết."):
    """A DOCX, built by hand, whose picture is not in the file but linked to
    ``url`` (``TargetMode="External"``): opening it fetches ``url``."""
    content_types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId9" Type="{R}/image" Target="{url}" TargetMode="External"/>'
        "</Relationships>"
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "<w:p><w:r><w:drawing><wp:inline>"
        '<wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Linked"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:link="rId9"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" '
        'cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
    return buffer.getvalue()


class Listener:
    """A web server on a free port of this machine that notes every request
    (as a server inside the town's network would see them)."""

    def __enter__(self):
        seen = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _note(self):
                seen.append(self.requestline)
                self.send_response(404)
                self.end_headers()

            do_GET = do_HEAD = do_OPTIONS = do_POST = do_PROPFIND = _note

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/x.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@tagged("post_install", "-at_install")
class TestDraftingConvert(DraftingCommon, TransactionCase):
    def test_drafter_docx_linking_an_image_on_a_server_fetches_nothing(self):
        draft = self._new_draft()
        with Listener() as server:
            self._upload(draft, "lien-ket.docx", linked_image_docx(server.url))
        self.assertEqual(server.requests, [])
        version = draft.main_version_id
        self.assertEqual((version.number, version.file_type), (2, "docx"))
        self.assertIn(
            "Dự thảo có ảnh liên kết", marks.pdf_text(version.pdf_attachment_id.raw)
        )

    def test_libreoffice_profile_alone_blocks_linked_content(self):
        # Even where the process may not leave the network (no unshare), the
        # profile keeps LibreOffice from fetching the link.
        with Listener() as server:
            pdf = convert.to_pdf(
                linked_image_docx(server.url), "docx", isolate_network=False
            )
        self.assertEqual(server.requests, [])
        self.assertTrue(pdf.startswith(b"%PDF-"))

    def test_libreoffice_runs_without_network_where_the_system_allows(self):
        # CI runs as root: unshare --net is available and used.
        self.assertEqual(convert.sandbox_prefix()[-2:], ("--net", "--"))

    def test_drafter_conversion_too_slow_is_stopped_and_nothing_stored(self):
        odt = libreoffice_file("Dự thảo chuyển đổi chậm.\n", "odt")
        draft = self._new_draft()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("idesk_drafting.convert_timeout", "0.2")
        with self.assertRaises(UserError) as refusal:
            self._upload(draft, "cham.odt", odt)
        self.assertIn("took too long and was stopped", refusal.exception.args[0])
        self.assertEqual(len(draft.version_ids), 1)
        # The stopped LibreOffice left neither the lock nor its profile broken.
        params.set_param("idesk_drafting.convert_timeout", "120")
        self._upload(draft, "cham.odt", odt)
        self.assertEqual(draft.main_version_id.file_type, "odt")
