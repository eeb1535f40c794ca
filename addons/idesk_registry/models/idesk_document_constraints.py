import re
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# edXML field sizes (QCVN 102:2016): CodeNumber ≤ 11, CodeNotation ≤ 30, Subject ≤ 500.
SUMMARY_MAX = 500
CODE_NUMBER_MAX = 11
CODE_NOTATION_MAX = 30
# No document of the state's registers predates the Democratic Republic (2/9/1945):
# an earlier date is a typing error (e.g. year 0001 or 1026).
EARLIEST_DATE = date(1945, 9, 2)


class IdeskDocument(models.Model):
    """Bad input gets a clear message and nothing is stored."""

    _inherit = "idesk.document"

    # ------------------------------------------------------------------
    # Constraints (bad input: a clear message, nothing stored)
    # ------------------------------------------------------------------
    @api.constrains("summary")
    def _check_summary(self):
        for document in self:
            if document.summary and len(document.summary) > SUMMARY_MAX:
                raise ValidationError(
                    _(
                        "The summary has %(length)s characters; at most %(max)s are allowed.",
                        length=len(document.summary),
                        max=SUMMARY_MAX,
                    )
                )

    @api.constrains("origin_number_symbol")
    def _check_origin_number_symbol(self):
        for document in self.filtered("origin_number_symbol"):
            value = document.origin_number_symbol
            number, _sep, notation = value.partition("/")
            if (
                not _sep
                or not number
                or not notation
                or re.search(r"\s", value)
                or len(number) > CODE_NUMBER_MAX
                or len(notation) > CODE_NOTATION_MAX
            ):
                raise ValidationError(
                    _(
                        "The number and symbol “%(value)s” is not valid: write it as number/symbol "
                        "without spaces, e.g. 123/QĐ-UBND (number at most %(n)s characters, symbol at most "
                        "%(s)s).",
                        value=value,
                        n=CODE_NUMBER_MAX,
                        s=CODE_NOTATION_MAX,
                    )
                )

    @api.constrains(
        "document_date", "arrival_datetime", "paper_received_date", "transfer_date"
    )
    def _check_dates(self):
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        for document in self:
            if document.document_date and document.document_date < EARLIEST_DATE:
                raise ValidationError(
                    _(
                        "The document date %(date)s is before %(earliest)s: please check it.",
                        date=document.document_date.strftime("%d/%m/%Y"),
                        earliest=EARLIEST_DATE.strftime("%d/%m/%Y"),
                    )
                )
            if document.document_date and document.document_date > today:
                raise ValidationError(
                    _(
                        "The document date %(date)s is in the future.",
                        date=document.document_date.strftime("%d/%m/%Y"),
                    )
                )
            if (
                document.arrival_datetime
                and document.arrival_datetime > now + timedelta(minutes=5)
            ):
                raise ValidationError(_("The arrival date and time is in the future."))
            if (
                document.direction == "incoming"
                and document.document_date
                and document.arrival_datetime
                # The date written on the paper is local: compare it with the
                # arrival's local date (6:30 in Hanoi is still yesterday in UTC).
                and document.document_date
                > fields.Datetime.context_timestamp(
                    document, document.arrival_datetime
                ).date()
            ):
                raise ValidationError(
                    _("A document cannot arrive before the date written on it.")
                )

    @api.constrains(
        "direction",
        "type_id",
        "summary",
        "document_date",
        "issuing_body_name",
        "origin_number_symbol",
        "signer_name",
        "arrival_datetime",
        "drafting_agency_id",
        "state",
    )
    def _check_legal_fields(self):
        """A draft may lack the legal fields (a scan comes first, the clerk
        completes it); a registered entry never does: no write empties one.
        Registration itself checks them with a clearer message
        (``_do_register``)."""
        for document in self.filtered(lambda d: d.state != "draft"):
            labels = document._missing_legal_fields()
            if labels:
                raise ValidationError(
                    _(
                        "Please fill in the legal fields of the register book: %(fields)s.",
                        fields=", ".join(labels),
                    )
                )

    def _missing_legal_fields(self):
        self.ensure_one()
        required = ["type_id", "summary", "document_date"]
        if self.direction == "incoming":
            required += [
                "arrival_datetime",
                "issuing_body_name",
                "origin_number_symbol",
            ]
        else:
            required += ["signer_name"]
            if self.type_id.is_official_letter:
                required += ["drafting_agency_id"]
        missing = [
            name
            for name in required
            if not (self[name].strip() if isinstance(self[name], str) else self[name])
        ]
        return [
            self._fields[name].get_description(self.env)["string"] for name in missing
        ]
