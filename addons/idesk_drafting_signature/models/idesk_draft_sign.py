"""The signing leader signs the approved PDF with his own key (PAdES).

His signature covers the approved version byte for byte: the clerk's issue
later adds the number, the date and the agency's signature in incremental
updates that keep it valid (see idesk_signature/tools/sign.py).
"""

import base64
import hashlib

from odoo import _, fields, models

from odoo.addons.idesk_drafting.tools import marks
from odoo.addons.idesk_signature.tools import appearance, sign

LEADER_FIELD = "ChuKyLanhDao"


class IdeskDraft(models.Model):
    _inherit = "idesk.draft"

    signed_pdf_id = fields.Many2one(
        "ir.attachment",
        string="Digitally signed PDF",
        readonly=True,
        copy=False,
        help="The approved version with the signing leader's digital signature.",
    )
    approved_sha256 = fields.Char(
        string="SHA-256 of the approved version", readonly=True, copy=False
    )
    signer_certificate = fields.Char(
        string="Signer's certificate",
        readonly=True,
        copy=False,
        help="Subject and serial number of the certificate that signed.",
    )

    def _signature_place(self, data):
        """``(page index, (x0, y0, x1, y1))`` of the signer's signature."""
        return marks.signature_box(data, self._seal_words())

    def _leader_key(self):
        """The signing leader's own key, or an empty recordset."""
        return self.env["idesk.signing.key"]._key_of_user(self.env.user)

    def _sign_digitally(self, pin):
        """Sign the approved version with the current user's key (he is the
        signer: checked by the review) and keep the signed PDF."""
        self.ensure_one()
        key = self._leader_key()
        if not key:
            return False
        source = self.sudo().pdf_attachment_id.raw
        page, rect = self._signature_place(source)
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        image = self.env.user.sudo().idesk_signature_image
        look = appearance.signer(
            width,
            height,
            base64.b64decode(image) if image else None,
            self.env.user.name,
        )
        signed = key._sign_pdf(
            source,
            pin,
            field_name=LEADER_FIELD,
            box=sign.Box(page, rect, look),
            reason=self.sudo().signer_position or None,
        )
        return self._keep_signed_pdf(source, signed, key.cert_subject, key.cert_serial)

    def _keep_signed_pdf(self, approved, signed, subject, serial):
        name = (self.sudo().main_version_id.name or "du-thao").rsplit(".", 1)[0]
        # sudo: the draft's own file, written by the signature step (checked).
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{name}-ky-so.pdf",
                    "raw": signed,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        self._drafting_sudo().write(
            {
                "signed_pdf_id": attachment.id,
                "approved_sha256": hashlib.sha256(approved).hexdigest(),
                "signer_certificate": f"{subject or ''} ({serial or ''})",
            }
        )
        self.sudo().message_post(
            body=_(
                "Signed digitally by %(user)s (certificate %(serial)s); the signature "
                "covers the approved version (SHA-256 %(sha)s).",
                user=self.env.user.name,
                serial=serial or "",
                sha=self.approved_sha256,
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    def _sign_statement(self, when):
        if not self.env.context.get("idesk_signing_digitally"):
            return super()._sign_statement(when)
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=self.env.user.tz or "Asia/Ho_Chi_Minh"), when
        )
        return self.with_context(lang="vi_VN").env._(
            "Signed digitally in iDESK by %(signer)s (%(authority)s %(position)s) on "
            "%(date)s.",
            signer=self.env.user.name,
            authority=self.signer_authority or "",
            position=self.signer_position or "",
            date=local.strftime("%d/%m/%Y %H:%M"),
        )
