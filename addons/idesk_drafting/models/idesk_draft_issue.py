import subprocess

import psycopg2
from markupsafe import Markup
from PyPDF2.errors import PdfReadError

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.idesk_registry.tools import scan

from ..tools import marks


class IdeskDraft(models.Model):
    """Issue (clerk): number and symbol taken from the outgoing book now, the
    date set, both written into the PDF, the entry registered with its
    original, and the document sent, all in one transaction."""

    _inherit = "idesk.draft"

    def action_issue(self):
        self.ensure_one()
        self.check_access("read")
        if not self._is_issuing_clerk(self.env.user):
            raise AccessError(
                _(
                    "Only a clerk of %(agency)s issues this document.",
                    agency=self.sudo().issuing_agency_id.name,
                )
            )
        self._lock_for_issue()
        if self.state == "issued":
            raise UserError(
                _(
                    "This document has already been issued as %(symbol)s.",
                    symbol=self.sudo().document_id.symbol,
                )
            )
        if self.state != "signed":
            raise UserError(_("Only a signed draft can be issued."))
        # Checked again before a number is taken: a contact may have lost its
        # address since the draft was submitted.
        self._check_outside_recipients()
        document = self._do_issue()
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": document.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _lock_for_issue(self):
        """Hold the draft's row until the end of the transaction: a second click
        (or a second clerk) waits for nothing and is told, and once the first
        one is committed it finds the draft issued."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env.cr.execute(
                    "SELECT id FROM idesk_draft WHERE id = %s FOR UPDATE NOWAIT",
                    [self.id],
                )
        except psycopg2.errors.LockNotAvailable as error:
            # (A serialization failure goes up: Odoo retries the call, which then
            # finds the draft issued.)
            raise UserError(
                _("This document is being issued by someone else right now.")
            ) from error
        self.invalidate_recordset()

    def _document_vals(self, today):
        self.ensure_one()
        draft = self.sudo()
        return {
            "direction": "outgoing",
            "agency_id": draft.issuing_agency_id.id,
            "type_id": draft.type_id.id,
            "summary": draft.summary,
            "urgency_id": draft.urgency_id.id,
            "document_date": today,
            "drafting_agency_id": draft.agency_id.id,
            "signer_name": draft.signed_by_id.name,
            "signer_authority": draft.signer_authority,
            "signer_position": draft.signer_position,
            "recipient_agency_ids": [
                fields.Command.set(draft.recipient_agency_ids.ids)
            ],
            "recipient_partner_ids": [
                fields.Command.set(draft.recipient_partner_ids.ids)
            ],
            "copies_count": draft.copies_count,
            "page_count": draft.main_version_id.page_count,
            "note": draft.sign_statement,
        }

    def _do_issue(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        # sudo: the clerk of the issuing agency was checked by action_issue; the
        # registry's own step takes the number (a rollback gives it back).
        document = self.env["idesk.document"].sudo().create(self._document_vals(today))
        document._do_register()
        now = fields.Datetime.now()
        try:
            pdf, sealed, appendix_files = self._issue_files(document, today, now)
        except scan.ScanError as error:
            raise UserError(
                document._scan_error_message(error.args[0], self.pdf_attachment_id.name)
            ) from error
        except (
            OSError,
            ValueError,
            subprocess.SubprocessError,
            PdfReadError,
        ) as error:
            raise UserError(
                _(
                    "The number and the date could not be written into %(name)s; nothing "
                    "has been issued and no number is used. Ask the drafter to upload the "
                    "PDF again.",
                    name=self.sudo().pdf_attachment_id.name,
                )
            ) from error
        name = f"{document.symbol.replace('/', '-')}.pdf"
        Attachment = document._scan_attachments()
        original = Attachment.create(document._scan_attachment_vals(name, pdf))
        appendices = Attachment.browse()
        for appendix_name, appendix_pdf in appendix_files:
            appendices |= Attachment.create(
                document._scan_attachment_vals(appendix_name, appendix_pdf)
            )
        document._registry_sudo().write(
            {
                "scan_attachment_id": original.id,
                "scan_sha256": scan.sha256(pdf),
                "ocr_state": "done",
                "ocr_text": marks.pdf_text(pdf),
                "draft_id": self.id,
                "reply_to_document_id": self.reply_to_document_id.id,
                # The drafting unit reads what it drafted (reading only).
                "shared_agency_ids": [fields.Command.link(self.sudo().agency_id.id)],
            }
        )
        if sealed:
            # The agency's seal is on the original: the entry is stamped.
            document._do_stamp()
        self._drafting_sudo().write(
            {
                "state": "issued",
                "document_id": document.id,
                "issued_by_id": self.env.user.id,
                "issue_date": now,
                "holder_id": False,
                "held_since": now,
            }
        )
        self.activity_ids.sudo().action_feedback(feedback=document.symbol)
        document._post_registry_note(
            body=_(
                "Issued from the draft of %(unit)s; original %(name)s (SHA-256 %(sha)s). %(signature)s",
                unit=self.sudo().agency_id.name,
                name=original.name,
                sha=document.scan_sha256,
                signature=self.sign_statement or "",
            ),
            attachment_ids=original.ids,
        )
        self.sudo().message_post(
            body=_(
                "Issued as %(symbol)s by %(user)s.",
                symbol=document.symbol,
                user=self.env.user.name,
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        if self.reply_to_document_id:
            self.reply_to_document_id.sudo().message_post(
                body=_("Answered by %(symbol)s.", symbol=document.symbol),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        document = document.with_env(self.env)
        if document._undistributed_recipient_agencies():
            # Issuing is the clerk's confirmation: "issue and send" is one step.
            document.with_context(idesk_confirm_send=True).action_distribute()
        self._send_by_email(document, original | appendices)
        return document

    def _issue_files(self, document, today, now):
        """``(pdf, sealed, [(name, appendix pdf)])``: the files of the issued
        document, with the number, the date and the agency's marks written in
        (``sealed``: the agency's seal or signature is on the original).
        Overridden by the digital signature (idesk_drafting_signature)."""
        self.ensure_one()
        source = self.sudo().pdf_attachment_id.raw
        pdf = marks.mark_pdf(source, document.symbol, today, self.sign_statement or "")
        pdf, sealed = self._apply_seal(pdf, now, source)
        return pdf, sealed, self._marked_appendices(document.symbol, now)

    def _send_by_email(self, document, attachments):
        """Outside bodies get the PDF by e-mail, from Odoo's mail queue."""
        partners = self.sudo().recipient_partner_ids
        if not partners:
            return self.env["mail.mail"]
        agency = self.sudo().issuing_agency_id
        issuer = document._symbol_agency(agency)
        subject = (
            f"{document.symbol} — {(document.summary or '').splitlines()[0][:150]}"
        )
        body = Markup("<p>%s</p><p>%s</p>") % (
            _(
                "%(issuer)s sends you the document %(symbol)s of %(date)s, attached.",
                issuer=issuer.name,
                symbol=document.symbol,
                date=document.document_date.strftime("%d/%m/%Y"),
            ),
            document.summary or "",
        )
        # sudo: the queue is written by the sending only (clerk checked above).
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "recipient_ids": [fields.Command.set(partners.ids)],
                    "attachment_ids": [fields.Command.set(attachments.ids)],
                    "model": "idesk.document",
                    "res_id": document.id,
                    "auto_delete": False,
                    **self._sender_vals(issuer),
                }
            )
        )
        document._post_registry_note(
            body=_(
                "Sent by e-mail to %(recipients)s.",
                recipients=", ".join(f"{p.name} <{p.email}>" for p in partners),
            )
        )
        return mail
