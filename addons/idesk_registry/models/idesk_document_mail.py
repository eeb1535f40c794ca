import logging

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from .idesk_document_intake import INTAKE_MAX_FILES

_logger = logging.getLogger(__name__)


class IdeskDocument(models.Model):
    """Electronic documents by e-mail: the intake address of an agency (its
    ``alias_name``) turns each attached file into a draft of the agency's
    incoming book, through the same checks and reading as a scan. An e-mail
    with no receivable file makes no draft: it is kept in the agency's
    chatter and the sender gets a notice.

    Who may send is the alias's ``alias_contact``: "partners" (known
    contacts) when the address is made; a refused sender gets Odoo's bounce.
    """

    _inherit = "idesk.document"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Each attachment → one draft holding it unaltered as its scan; the
        e-mail is posted on the first. A file refused by the checks stores
        nothing and is named in a notice to the sender."""
        if not self.env.su:
            # The gateway runs as superuser; over RPC this would let a user
            # create drafts past the intake's checks and mail anyone.
            raise AccessError(
                _("Documents arrive by e-mail only through the mail gateway.")
            )
        values = dict(custom_values or {})
        agency = self.env["idesk.agency"].browse(values.get("agency_id")).exists()
        if not agency or values.get("direction", "incoming") != "incoming":
            raise UserError(
                _("This address does not lead to an agency's incoming book.")
            )
        sender = tools.email_normalize(msg_dict.get("email_from") or "") or ""
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        suggested = {
            **self._intake_sender_values(author),
            "note": _(
                "Received by e-mail from %(sender)s on %(date)s.",
                sender=sender or _("an unknown sender"),
                date=fields.Datetime.context_timestamp(
                    self, fields.Datetime.now()
                ).strftime("%d/%m/%Y %H:%M"),
            ),
        }
        drafts, refused = self.browse(), []
        for index, attachment in enumerate(msg_dict.get("attachments") or []):
            name, content = attachment[0], attachment[1]
            if index >= INTAKE_MAX_FILES:
                # each file is read by Tesseract inside the mail job: a bound
                # like the scanner's request
                refused.append(
                    (
                        name,
                        _(
                            "one e-mail brings at most %(max)s files; send this one "
                            "in another e-mail.",
                            max=INTAKE_MAX_FILES,
                        ),
                    )
                )
                continue
            if isinstance(content, str):
                content = content.encode()
            try:
                with self.env.cr.savepoint():
                    drafts |= self._intake_one(agency, [(name, content)], suggested)
            except UserError as error:
                refused.append((name, error.args[0]))
        # Kept as the drafts' scans, or refused: not stored again in the chatter.
        msg_dict["attachments"] = []
        if refused or not drafts:
            self._intake_mail_notice(msg_dict, sender, author, refused, agency)
        if not drafts:
            # Nothing to register: the e-mail (without its files) is kept in
            # the agency's chatter, where the gateway posts it.
            return agency
        for other in drafts[1:]:
            other._post_registry_note(
                body=_(
                    "Received in the same e-mail as %(first)s.",
                    first=drafts[0].display_name,
                )
            )
        return drafts[0]

    @api.model
    def _intake_sender_values(self, author):
        """The issuing body suggested by the sender: their agency, else the
        organisation of the contact."""
        if not author:
            return {}
        agency = author.user_ids.agency_id[:1]
        if agency:
            return {"issuing_agency_id": agency.id}
        company = author.commercial_partner_id
        if company.is_company:
            return {"issuing_partner_id": company.id}
        return {}

    @api.model
    def _intake_mail_notice(self, msg_dict, sender, author, refused, agency):
        """Tell the sender which files were not received, and why (queued)."""
        if not sender:
            return
        lang = author.lang or "vi_VN"
        notice = self.with_context(lang=lang)
        lines = Markup("").join(
            Markup("<li>%s</li>")
            % notice.env._("%(name)s: %(reason)s", name=name, reason=reason)
            for name, reason in refused
        )
        body = Markup("<p>%s</p>") % (
            notice.env._(
                "%(agency)s has not received the following files of your e-mail:",
                agency=agency.name,
            )
            if refused
            else notice.env._(
                "%(agency)s has received no document: your e-mail has no PDF or "
                "scanned image attached.",
                agency=agency.name,
            )
        )
        if lines:
            body += Markup("<ul>%s</ul>") % lines
        self.env["mail.mail"].sudo().create(
            {
                "subject": notice.env._(
                    "Not received: %(subject)s", subject=msg_dict.get("subject") or ""
                ),
                "email_to": sender,
                "email_from": agency.alias_email
                or self.env.company.email_formatted
                or sender,
                "body_html": body,
                "references": msg_dict.get("message_id"),
                "auto_delete": True,
            }
        )
