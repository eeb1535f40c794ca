"""The signature report in the reader's language: the stored report holds codes only
(tools/verify.py), so the mail gateway's check reads in Vietnamese to the clerk."""

import datetime

from markupsafe import Markup, escape

from odoo import fields, models


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    def _signature_time(self, value):
        """An ISO time of the report in the reader's time zone (dd/mm/yyyy hh:mm:ss)."""
        if not value:
            return self.env._("not stated")
        try:
            moment = datetime.datetime.fromisoformat(value).astimezone(
                datetime.timezone.utc
            )
        except (TypeError, ValueError):
            return str(value)
        local = fields.Datetime.context_timestamp(self, moment.replace(tzinfo=None))
        return local.strftime("%d/%m/%Y %H:%M:%S")

    def _signature_labels(self):
        _ = self.env._
        return {
            "coverage": {
                "entire_file": _("the whole file"),
                "entire_revision": _(
                    "the file as it was when signed; updates were added later"
                ),
                "partial": _("only part of the file"),
                "unclear": _("unclear"),
            },
            "changes": {
                "none": _("none"),
                "lta_updates": _(
                    "validation data, timestamps or empty signature fields only"
                ),
                "form_filling": _("later signatures or form filling"),
                "annotations": _("comments (annotations)"),
                "other": _("other changes (content, pages): not allowed"),
                "unknown": _("could not be analysed"),
            },
            "revocation": {
                "good": _("checked: not revoked"),
                "revoked": _("revoked"),
                "not_checked": _(
                    "not checked: the certification authority's service could not be reached"
                ),
                "not_declared": _(
                    "not checked: the certificate names no revocation service"
                ),
            },
        }

    def _signature_entry_sentence(self, entry):
        """One sentence on one signature, in plain words."""
        _ = self.env._
        signer = entry.get("signer_name") or _("an unnamed signer")
        reason = entry.get("reason")
        if reason == "ok":
            return _("The signature of %(signer)s is valid.", signer=signer)
        if reason == "changed_allowed":
            return _(
                "The signature of %(signer)s is valid, but the file was changed after signing in a "
                "way that is allowed: %(changes)s.",
                signer=signer,
                changes=self._signature_labels()["changes"].get(
                    entry.get("changes"), entry.get("changes")
                ),
            )
        if reason == "untrusted":
            return _(
                "The signature of %(signer)s is intact, but its certificate (issued by %(issuer)s) does "
                "not lead to a trusted root certificate: the signer cannot be confirmed.",
                signer=signer,
                issuer=entry.get("issuer_name") or entry.get("issuer") or "?",
            )
        if reason == "altered":
            return _(
                "The file was changed after %(signer)s signed it: the signature no longer matches its content.",
                signer=signer,
            )
        if reason == "expired":
            return _(
                "The certificate of %(signer)s was not valid when the file was signed (valid until %(until)s).",
                signer=signer,
                until=self._signature_time(entry.get("not_after")),
            )
        if reason == "not_yet_valid":
            return _(
                "The certificate of %(signer)s was not yet valid when the file was signed (valid from %(since)s).",
                signer=signer,
                since=self._signature_time(entry.get("not_before")),
            )
        if reason == "revoked":
            return _(
                "The certificate of %(signer)s was revoked on %(date)s.",
                signer=signer,
                date=self._signature_time(entry.get("revocation_date")),
            )
        if reason == "changed":
            return _(
                "Content was added or changed after %(signer)s signed (e.g. pages): such changes are not allowed.",
                signer=signer,
            )
        return _("A signature of the file cannot be read.")

    def _signature_explain(self, report):
        """The verdict in a few plain sentences."""
        _ = self.env._
        if report.get("reason") == "unreadable":
            return _(
                "The file cannot be read as a PDF: its signatures cannot be checked."
            )
        entries = report.get("signatures") or []
        if not entries:
            return _("The file carries no digital signature.")
        verdict = dict(
            self._fields["signature_verdict"]._description_selection(self.env)
        ).get(report.get("verdict"), report.get("verdict"))
        sentences = [f"{verdict}."]
        sentences += [self._signature_entry_sentence(entry) for entry in entries]
        revocations = {
            entry.get("revocation") for entry in entries if entry.get("revocation")
        }
        if "not_checked" in revocations:
            sentences.append(
                _(
                    "Revocation was not checked: the certification authority's service could not be "
                    "reached. Check again later."
                )
            )
        return " ".join(sentences)

    def _signature_report_as_html(self, report):
        """The full report: one table per signature."""
        _ = self.env._
        labels = self._signature_labels()
        parts = [Markup("<p>%s</p>") % self._signature_explain(report)]
        for index, entry in enumerate(report.get("signatures") or [], start=1):
            rows = [
                (_("Signer"), entry.get("signer_name")),
                (_("Title"), entry.get("title")),
                (_("Organisation"), entry.get("organisation")),
                (_("Certificate serial number"), entry.get("serial")),
                (_("Issued by"), entry.get("issuer")),
                (
                    _("Certificate valid"),
                    entry.get("not_before")
                    and _(
                        "from %(since)s to %(until)s",
                        since=self._signature_time(entry.get("not_before")),
                        until=self._signature_time(entry.get("not_after")),
                    ),
                ),
                (
                    _("Signing time (stated by the signer)"),
                    self._signature_time(entry.get("signing_time")),
                ),
                (
                    _("Timestamp"),
                    entry.get("timestamp_time")
                    and self._signature_time(entry.get("timestamp_time")),
                ),
                (
                    _("The signature covers"),
                    labels["coverage"].get(entry.get("coverage")),
                ),
                (
                    _("Changes after signing"),
                    labels["changes"].get(entry.get("changes")),
                ),
                (
                    _("Chain of trust"),
                    _("up to %(root)s", root=entry["trust_anchor"])
                    if entry.get("trust_anchor")
                    else _("no trusted root certificate"),
                ),
                (_("Revocation"), labels["revocation"].get(entry.get("revocation"))),
                (_("Result"), self._signature_entry_sentence(entry)),
                (
                    _("Technical detail"),
                    entry.get("changes_detail") or entry.get("error"),
                ),
            ]
            body = Markup("").join(
                Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value)
                for label, value in rows
                if value
            )
            parts.append(
                Markup("<h5>%s</h5><table class='table table-sm'>%s</table>")
                % (_("Signature %(index)s", index=index), body)
            )
        parts.append(
            Markup("<p class='text-muted'>%s</p>")
            % _(
                "Checked on %(date)s.",
                date=self._signature_time(report.get("checked_at")),
            )
        )
        return Markup("").join(parts) if parts else escape("")
