from markupsafe import Markup

from odoo import Command, _, fields, models
from odoo.exceptions import UserError

from .idesk_assignment import ACTION_ROLES


class IdeskDocument(models.Model):
    """Direction, distribution and recall of a document: the actions."""

    _inherit = "idesk.document"

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_direct(self):
        self.ensure_one()
        user = self.env.user
        leader = user if self._is_leader_of(user) else self._get_leaders()[:1]
        self._check_can_direct(leader or user)
        return {
            "type": "ir.actions.act_window",
            "name": _("Direct"),
            "res_model": "idesk.direction.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_distribute(self):
        """Send registered outgoing documents to their internal recipient agencies.

        The signed file (scan or stamped PDF) must be attached: a recipient
        registers what it receives. Without ``idesk_confirm_send`` in the context
        it opens the confirmation naming the recipients; once sent, it says to
        how many agencies."""
        self._check_can_send()
        for document in self:
            if document.direction != "outgoing" or document.state != "registered":
                raise UserError(
                    _("Only a registered outgoing document is distributed this way.")
                )
            if document.recalled:
                raise UserError(
                    _("%(doc)s has been recalled.", doc=document.display_name)
                )
            if not document._undistributed_recipient_agencies():
                raise UserError(
                    _(
                        "%(doc)s has no internal recipient left to send to.",
                        doc=document.display_name,
                    )
                )
            if not (document.stamped_attachment_id or document.scan_attachment_id):
                raise UserError(
                    _(
                        "Attach the signed document (its scan or PDF) to %(doc)s before sending it.",
                        doc=document.display_name,
                    )
                )
        if not self.env.context.get("idesk_confirm_send"):
            return self._action_confirm_send()
        agencies = self.env["idesk.agency"].union(
            *(document._undistributed_recipient_agencies() for document in self)
        )
        self._do_distribute()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "Sent to %(count)s agencies: %(names)s.",
                    count=len(agencies),
                    names=", ".join(agencies.mapped("name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _action_confirm_send(self):
        wizard = self.env["idesk.send.wizard"].create(
            {"document_ids": [Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Send to recipients"),
            "res_model": "idesk.send.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_recall(self):
        self.ensure_one()
        self._check_can_send()
        if not self.assignment_ids or self.recalled:
            raise UserError(
                _("Only a sent document that is not recalled yet can be recalled.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Recall"),
            "res_model": "idesk.recall.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_source_document(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.source_document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _default_deadline(self):
        """Processing time of the document type, in working days of the agency."""
        self.ensure_one()
        days = self.type_id.processing_days or int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_distribution.default_processing_days", 10)
        )
        start = (
            fields.Date.context_today(self, self.registration_date)
            if self.registration_date
            else (fields.Date.context_today(self))
        )
        return self.agency_id._add_working_days(start, days)

    def _do_present_to_leaders(self):
        """The "to direct" queue of the agency's leaders, the same day (art. 7.1)."""
        activity_type = self.env.ref("idesk_distribution.mail_activity_type_to_direct")
        today = fields.Date.context_today(self)
        # The activity is the queue entry; the e-mail, when due, is sent by _notify_partners (queued).
        for document in self.sudo().with_context(mail_activity_quick_update=True):
            leaders = document._get_leaders()
            for leader in leaders:
                document.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=leader.id,
                    date_deadline=today,
                )
            if document.is_urgent and leaders:
                self.env["idesk.assignment"]._notify_partners(
                    leaders.partner_id,
                    _("Urgent document to direct: %(doc)s", doc=document.display_name),
                    Markup("<p>%s</p><p>%s</p>")
                    % (
                        _(
                            "An urgent document (%(urgency)s) waits for your direction.",
                            urgency=document.urgency_id.name,
                        ),
                        document.summary or "",
                    ),
                    record=document,
                )

    def _do_direct(self, note, leader, lines, attachment=None):
        """Record the direction and send the assignments.

        :param lines: list of dicts with ``role``, ``user_id`` or ``agency_id``
            and ``deadline``
        """
        self.ensure_one()
        if not (note or "").strip():
            raise UserError(_("Write the direction (ý kiến chỉ đạo)."))
        leads = [line for line in lines if line["role"] == "lead"]
        if len(leads) > 1:
            raise UserError(_("Choose only one lead (chủ trì) unit or person."))
        if not leads and any(line["role"] == "cooperate" for line in lines):
            raise UserError(
                _("Cooperating units need a lead (chủ trì) unit or person.")
            )
        today = fields.Date.context_today(self)
        for line in lines:
            if line["role"] in ACTION_ROLES and not line.get("deadline"):
                raise UserError(_("Each unit or person who must act needs a deadline."))
            if line.get("deadline") and line["deadline"] < today:
                raise UserError(_("A deadline cannot be in the past."))
        document = self.sudo()
        document.write(
            {
                "direction_note": note,
                "directed_by_id": leader.id,
                "direction_entered_by_id": self.env.user.id,
                "direction_date": fields.Datetime.now(),
                "direction_attachment_id": attachment.id if attachment else False,
            }
        )
        assignments = (
            self.env["idesk.assignment"]
            .sudo()
            .create([dict(line, document_id=document.id) for line in lines])
        )
        document.activity_feedback(
            ["idesk_distribution.mail_activity_type_to_direct"],
            feedback=_("Directed by %(leader)s", leader=leader.name),
        )
        document.message_post(
            body=Markup("<p><b>%s</b> %s</p><p>%s</p>")
            % (
                _("Direction (%(author)s):", author=document.direction_author_label),
                note,
                ", ".join(
                    f"{a.display_name.split(' → ')[-1]} ({a._role_label()})"
                    for a in assignments
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        assignments._do_send()
        document._propagate_to_source()
        return assignments

    def _undistributed_recipient_agencies(self):
        self.ensure_one()
        return (
            self.recipient_agency_ids - self.assignment_ids.agency_id - self.agency_id
        )

    def _do_distribute(self):
        for document in self:
            agencies = document._undistributed_recipient_agencies()
            assignments = (
                self.env["idesk.assignment"]
                .sudo()
                .create(
                    [
                        {
                            "document_id": document.id,
                            "role": "info",
                            "agency_id": agency.id,
                        }
                        for agency in agencies
                    ]
                )
            )
            assignments._do_send()
            document.message_post(
                body=_(
                    "Sent to %(agencies)s.", agencies=", ".join(agencies.mapped("name"))
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _post_acknowledgement(self, assignment, copy):
        """The sender's acknowledgement when the recipient registers the copy (art. 21.2)."""
        self.ensure_one()
        partners = (self.agency_id.clerk_ids | self.create_uid).partner_id
        self.env["idesk.assignment"]._notify_partners(
            partners,
            _("Acknowledgement: %(doc)s", doc=self.display_name),
            Markup("<p>%s</p>")
            % _(
                "%(agency)s registered it on %(date)s with arrival number %(number)s.",
                agency=assignment.agency_id.name,
                date=fields.Datetime.context_timestamp(
                    self, copy.registration_date
                ).strftime("%d/%m/%Y %H:%M"),
                number=copy.number_display,
            ),
            record=self,
        )

    def _propagate_to_source(self):
        """Mirror the state of a received copy on the sender's assignment."""
        for copy in self.sudo().filtered("source_document_id"):
            source_assignment = copy.source_document_id.assignment_ids.filtered_domain(
                [("received_document_id", "=", copy.id)]
            )
            state = {
                "in_progress": "in_progress",
                "done": "done",
                "returned": "returned",
            }.get(copy.process_state)
            if not source_assignment or not state or source_assignment.state == state:
                continue
            now = fields.Datetime.now()
            vals = {"state": state}
            vals.update(
                {
                    "in_progress": {"start_date": now},
                    "done": {"done_date": now},
                    "returned": {"returned_date": now},
                }[state]
            )
            source_assignment.write(vals)

    def _do_recall(self, reason):
        """Freeze the sent document, withdraw the recipients' copies, tell them."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(_("Write why the document is recalled."))
        now = fields.Datetime.now()
        document = self.sudo()
        assignments = document.assignment_ids
        copies = assignments.received_document_id
        recall_vals = {"recalled": True, "recall_reason": reason, "recall_date": now}
        (document | copies).write(recall_vals)
        (assignments | copies.assignment_ids).write({"state": "recalled"})
        (document | copies).activity_unlink(
            ["idesk_distribution.mail_activity_type_to_direct"]
        )
        partners = (
            assignments.user_id
            | assignments.agency_id.clerk_ids
            | assignments.agency_id.leader_ids
            | copies.assignment_ids.user_id
        ).partner_id
        subject = _("Recalled: %(doc)s", doc=document.display_name)
        body = Markup("<p>%s</p><p>%s</p>") % (
            _("The sender has recalled this document; do not process it."),
            reason,
        )
        self.env["idesk.assignment"]._notify_partners(
            partners, subject, body, record=document
        )
        for copy in copies:
            copy.message_post(body=body, subtype_xmlid="mail.mt_note")
