"""A leader signs on his own computer (USB token) and uploads the signed PDF:
taken only when its signer is that leader and its content the approved
version (tools/upload_check.py)."""

import hashlib
import unicodedata

from odoo import _, models
from odoo.exceptions import UserError

from ..tools import upload_check


def _plain(name):
    """A name compared without accents, case or extra spaces."""
    text = unicodedata.normalize("NFD", name or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


class IdeskDraft(models.Model):
    _inherit = "idesk.draft"

    def _accept_signed_upload(self, data, consent=False):
        """The current user's signature, brought as a PDF he signed himself."""
        self.ensure_one()
        self._check_reviewer()
        approved = self.sudo().pdf_attachment_id.raw
        messages = {
            "unsigned": _("This PDF carries no digital signature."),
            "damaged": _("This file is not a readable PDF."),
            "broken": _(
                "The signature of this PDF is broken: the file was changed after it "
                "was signed, or the signature is not valid."
            ),
            "not_approved": _(
                "This PDF is not the approved version of the draft: sign the PDF of "
                "the current version without changing it, then upload it."
            ),
            "changed": _(
                "The signature was made over a changed copy of the approved version "
                "(more than a signature was added): it is refused."
            ),
        }
        try:
            certificate = upload_check.check(data or b"", approved)
        except upload_check.UploadError as error:
            raise UserError(messages[error.args[0]]) from None
        der = certificate.dump()
        key = self._leader_key()
        subject = certificate.subject.native
        common_name = subject.get("common_name") or ""
        if key and key.cert_sha256:
            mine = hashlib.sha256(der).hexdigest() == key.cert_sha256
        else:
            mine = _plain(common_name) == _plain(self.env.user.name)
        if not mine:
            raise UserError(
                _(
                    "This PDF was signed by %(signer)s, not by you: only your own "
                    "signature is accepted.",
                    signer=common_name or _("an unknown signer"),
                )
            )
        draft = self.with_context(idesk_signing_digitally=True)
        draft._do_review("sign", consent=consent)
        return draft._keep_signed_pdf(
            approved,
            data,
            certificate.subject.human_friendly,
            format(certificate.serial_number, "X"),
        )

    def action_upload_signed(self):
        self.ensure_one()
        step = self._check_reviewer()
        if step.kind != "signer":
            raise UserError(_("This step is a review, not the signature."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Upload the PDF I signed"),
            "res_model": "idesk.draft.signed.upload.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_draft_id": self.id},
        }
