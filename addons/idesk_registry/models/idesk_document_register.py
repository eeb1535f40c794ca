from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.text import fold, format_number


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _check_can_register(self):
        """Only a clerk of the document's agency keeps its books."""
        user = self.env.user
        if self.env.su:
            return
        if not user.has_group("idesk_security.group_idesk_clerk"):
            raise AccessError(
                _("Only a clerk may register, cancel or stamp documents.")
            )
        for document in self:
            # Its own clerks, or the clerk who keeps that book for it
            # (idesk_security: clerk_ids, registering_agency_id).
            if not document.agency_id._idesk_keeps_books(user, document.direction):
                raise AccessError(
                    _(
                        "You are not a clerk of %(agency)s: you cannot keep its register books.",
                        agency=document.agency_id.name,
                    )
                )
        self.check_access("write")

    # ------------------------------------------------------------------
    # Registration
    # ------------------------------------------------------------------
    def action_register(self):
        """Register the drafts: number taken from the book, symbol composed.
        A possible duplicate opens a confirmation instead (unless confirmed)."""
        self._check_can_register()
        drafts = self.filtered(lambda d: d.state == "draft")
        if not self.env.context.get("idesk_confirm_duplicate"):
            for document in drafts.filtered(lambda d: d.direction == "incoming"):
                duplicates = document._find_duplicates()
                if duplicates:
                    return document._action_confirm_duplicate(duplicates)
        drafts._do_register()
        return True

    def _action_confirm_duplicate(self, duplicates):
        self.ensure_one()
        wizard = self.env["idesk.document.duplicate.wizard"].create(
            {
                "document_id": self.id,
                "duplicate_ids": [(6, 0, duplicates.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Possible duplicate"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _find_duplicates(self):
        """Registered documents of the same book with the same issuing body,
        number/symbol and date (Circular 01/2019, Appendix VI)."""
        self.ensure_one()
        book = self.book_id or self._get_book()
        if not book or not self.origin_number_symbol:
            return self.browse()
        candidates = self.sudo().search(
            [
                ("book_id", "=", book.id),
                ("state", "=", "registered"),
                ("id", "!=", self.id),
                ("document_date", "=", self.document_date),
            ]
        )
        symbol = fold(self.origin_number_symbol).replace(" ", "")
        body = fold(self.issuing_body_name)
        return candidates.filtered(
            lambda d: (
                fold(d.origin_number_symbol).replace(" ", "") == symbol
                and (
                    (
                        self.issuing_agency_id
                        and d.issuing_agency_id == self.issuing_agency_id
                    )
                    or (
                        self.issuing_partner_id
                        and d.issuing_partner_id == self.issuing_partner_id
                    )
                    or fold(d.issuing_body_name) == body
                )
            )
        ).with_env(self.env)

    def _get_book(self):
        self.ensure_one()
        year = fields.Date.context_today(self).year
        if self.book_id and self.book_id.year == year:
            return self.book_id
        return self.env["idesk.register.book"]._get_default_book(
            self.agency_id, self.direction, year, doc_type=self.type_id
        )

    def _do_register(self):
        now = fields.Datetime.now()
        for document in self:
            missing = document._missing_legal_fields()
            if missing:
                raise UserError(
                    _(
                        "Please fill in the legal fields of the register book: %(fields)s.",
                        fields=", ".join(missing),
                    )
                )
            book = document._get_book()
            if (
                book.agency_id != document.agency_id
                or book.direction != document.direction
            ):
                raise UserError(
                    _(
                        "The register book must belong to the document's agency and direction."
                    )
                )
            number = book._take_number()
            vals = {
                "book_id": book.id,
                "number": number,
                "registration_date": now,
                "state": "registered",
            }
            if document.direction == "outgoing":
                vals["symbol"] = document._compose_symbol(number)
                if self.sudo().search_count(
                    [
                        ("agency_id", "=", document.agency_id.id),
                        ("year", "=", book.year),
                        ("symbol", "=", vals["symbol"]),
                    ]
                ):
                    raise UserError(
                        _(
                            "The number and symbol %(symbol)s is already used this year; check the "
                            "agency's register books.",
                            symbol=vals["symbol"],
                        )
                    )
            document._registry_sudo().write(vals)
            document._post_registry_note(
                body=document._registration_message(), subtype_xmlid="mail.mt_note"
            )
            if document.scan_attachment_id and document.direction == "incoming":
                document._make_stamped_copy()

    def _registration_message(self):
        if self.direction == "outgoing":
            return _(
                "Registered in %(book)s: %(symbol)s.",
                book=self.book_id.name,
                symbol=self.symbol,
            )
        return _(
            "Registered in %(book)s, arrival number %(number)s.",
            book=self.book_id.name,
            number=self.number_display,
        )

    @api.model
    def _symbol_agency(self, agency):
        """The office of a committee issues in the committee's name (UBND)."""
        if agency.kind == "office" and agency.parent_id:
            return agency.parent_id
        return agency

    def _compose_symbol(self, number):
        """``05/QĐ-UBND``; an official letter names the drafting unit: ``05/UBND-VP``."""
        self.ensure_one()
        issuer = self._symbol_agency(self.agency_id)
        if self.type_id.is_official_letter or not self.type_id.code:
            unit = self.drafting_agency_id or self.agency_id
            notation = issuer.code if unit == issuer else f"{issuer.code}-{unit.code}"
        else:
            notation = f"{self.type_id.code}-{issuer.code}"
        return f"{format_number(number)}/{notation}"

    @api.model
    def _register_new(self, vals_list, confirm_duplicate=False):
        """Create and register documents in one step (imports, demo, benchmark)."""
        documents = self.create(vals_list)
        if confirm_duplicate:
            documents = documents.with_context(idesk_confirm_duplicate=True)
        result = documents.action_register()
        if isinstance(result, dict):
            raise UserError(
                _(
                    "A document with the same issuing body, number/symbol and date is already in the book."
                )
            )
        return documents

    # ------------------------------------------------------------------
    # Cancellation and stamping
    # ------------------------------------------------------------------
    def action_cancel(self):
        self._check_can_register()
        if self.filtered(lambda d: d.state != "registered"):
            raise UserError(_("Only registered documents can be cancelled."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel document"),
            "res_model": "idesk.document.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_ids": [(6, 0, self.ids)]},
        }

    def _do_cancel(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Please give the reason of the cancellation."))
        self._check_period_open()
        for document in self:
            document._registry_sudo().write(
                {"state": "cancelled", "cancel_reason": reason}
            )
            document._post_registry_note(
                body=_(
                    "Cancelled; the number %(number)s stays in the book. Reason: %(reason)s",
                    number=document.number_display,
                    reason=reason,
                ),
            )

    def action_stamp(self):
        """Record that the outgoing document has been stamped (đóng dấu)."""
        self._check_can_register()
        if self.filtered(
            lambda d: d.direction != "outgoing" or d.state != "registered"
        ):
            raise UserError(_("Only registered outgoing documents are stamped."))
        if self.filtered("stamped"):
            raise UserError(_("This document has already been stamped."))
        self._do_stamp()
        return True

    def _do_stamp(self):
        self._registry_sudo().write(
            {
                "stamped": True,
                "stamped_by_id": self.env.user.id,
                "stamped_date": fields.Datetime.now(),
            }
        )
        for document in self:
            document._post_registry_note(
                body=_("Stamped by %(user)s.", user=self.env.user.name)
            )

    def action_confirm_paper_received(self):
        """The "ký nhận" column of the book: the recipient (the person or a
        member of the unit it was handed to) or the clerk signs for the paper."""
        self.check_access("read")
        user = self.env.user
        for document in self:
            if document.state != "registered":
                raise UserError(_("Only registered documents are handed over."))
            if not (
                user == document.recipient_user_id
                or (user.agency_id and user.agency_id == document.recipient_agency_id)
                or user.has_group("idesk_security.group_idesk_clerk")
                and user.agency_id == document.agency_id
            ):
                raise AccessError(
                    _("Only the recipient of the paper or the clerk can sign for it.")
                )
        self.sudo().write(
            {
                "paper_received_by_id": self.env.user.id,
                "paper_received_date": fields.Datetime.now(),
            }
        )
        return True

    # ------------------------------------------------------------------
    # Distribution support
    # ------------------------------------------------------------------
    def _prepare_received_copy_vals(self, target_agency):
        """Values of the copy of this outgoing document that ``target_agency``
        registers in its incoming book (used by idesk_distribution)."""
        self.ensure_one()
        signer = " ".join(
            p
            for p in (self.signer_authority, self.signer_position, self.signer_name)
            if p
        )
        return {
            "direction": "incoming",
            "agency_id": target_agency.id,
            "issuing_agency_id": self.agency_id.id,
            "issuing_body_name": self._symbol_agency(self.agency_id).name,
            "origin_number_symbol": self.symbol or self.origin_number_symbol,
            "document_date": self.document_date,
            "type_id": self.type_id.id,
            "summary": self.summary,
            "urgency_id": self.urgency_id.id,
            "page_count": self.page_count,
            "signer_name": signer[:100] or False,
            "arrival_datetime": fields.Datetime.now(),
            "confidentiality": self.confidentiality,
        }
