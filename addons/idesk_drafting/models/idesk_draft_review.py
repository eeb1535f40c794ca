from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

DEFAULT_STEPS = (("unit_head", 2), ("office", 2), ("signer", 1))


class IdeskDraft(models.Model):
    """The review chain: submit, approve, return with a comment, forward, sign."""

    _inherit = "idesk.draft"

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------
    def action_submit(self):
        self._check_drafter_unit()
        for draft in self:
            draft._check_ready_to_submit()
            draft._do_submit()
        return True

    def _check_ready_to_submit(self):
        self.ensure_one()
        if not self.main_version_id:
            raise UserError(
                _(
                    "Upload the text of the document (DOCX, ODT or PDF) before submitting it."
                )
            )
        if not self.signer_id:
            raise UserError(_("Choose the leader who signs the document."))
        if not self.signer_authority and self.signer_id:
            raise UserError(
                _("Choose the signing authority (TM., KT., TL., TUQ. or Q.).")
            )
        if not (self.recipient_agency_ids or self.recipient_partner_ids):
            raise UserError(_("Choose at least one recipient."))
        self._check_outside_recipients()

    def _check_outside_recipients(self):
        """Outside bodies are sent the document by e-mail: each needs an address."""
        no_email = self.sudo().recipient_partner_ids.filtered(lambda p: not p.email)
        if no_email:
            raise UserError(
                _(
                    "These outside recipients have no e-mail address, the document "
                    "could not be sent to them: %(names)s.",
                    names=", ".join(no_email.mapped("name")),
                )
            )

    def _chain_steps(self):
        """``[(kind, reviewer, days)]`` of the chain that applies to this draft."""
        self.ensure_one()
        chain = self.env["idesk.review.chain"]._find_chain(self.agency_id, self.type_id)
        lines = (
            [(line.kind, line.user_id, line.days) for line in chain.line_ids]
            if chain
            else [(kind, self.env["res.users"], days) for kind, days in DEFAULT_STEPS]
        )
        steps = []
        for kind, user, days in lines:
            reviewer = user or self._default_reviewer(kind)
            if not reviewer:
                raise UserError(
                    _(
                        "Nobody reviews the step “%(step)s” of this draft: the network "
                        "administrator must name the unit's leader or a reviewer in the "
                        "review chain.",
                        step=dict(
                            self.env["idesk.review.step"]
                            ._fields["kind"]
                            ._description_selection(self.env)
                        )[kind],
                    )
                )
            steps.append((kind, reviewer, days))
        return steps

    def _default_reviewer(self, kind):
        # sudo: the leaders of the units concerned, whoever drafts.
        if kind == "signer":
            return self.signer_id
        if kind == "unit_head":
            return self.sudo().agency_id.leader_ids[:1]
        issuer = self.sudo().issuing_agency_id
        office = (
            issuer
            if issuer.kind == "office"
            else issuer.child_ids.filtered(lambda a: a.kind == "office")[:1]
        )
        return (office or issuer).leader_ids[:1]

    def _do_submit(self):
        self.ensure_one()
        steps = self._chain_steps()
        round_ = max(self.step_ids.mapped("round"), default=0) + 1
        vals = []
        signer = next(user for kind, user, _days in steps if kind == "signer")
        seen = self.env["res.users"]
        for sequence, (kind, reviewer, _days) in enumerate(steps, start=1):
            # Nobody reviews twice: the drafter does not review his own draft (a
            # head drafting), a reviewer who also signs reviews when signing, and
            # one person heading two steps (a commune) reviews once.
            skipped = kind != "signer" and (
                reviewer == self.env.user or reviewer == signer or reviewer in seen
            )
            if not skipped:
                seen |= reviewer
            vals.append(
                {
                    "draft_id": self.id,
                    "round": round_,
                    "sequence": sequence,
                    "kind": kind,
                    "user_id": reviewer.id,
                    "state": "skipped" if skipped else "pending",
                }
            )
        # sudo: the steps are written by the submission only, checked above.
        created = self.env["idesk.review.step"].sudo().create(vals)
        returned = self.env.ref("idesk_drafting.mail_activity_type_returned")
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == returned
        ).sudo().action_feedback(feedback=_("Submitted again."))
        self._drafting_sudo().write({"state": "review"})
        self.message_post(
            body=_(
                "Submitted for review: %(chain)s.",
                chain=" → ".join(
                    created.filtered(lambda s: s.state == "pending").user_id.mapped(
                        "name"
                    )
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._activate_next_step(
            dict(zip(created.ids, [d for _k, _u, d in steps], strict=True))
        )

    def _activate_next_step(self, days_by_step=None):
        """Give the draft to the next waiting step's reviewer, with a deadline
        (an activity); none left: the draft is signed."""
        self.ensure_one()
        step = self.step_ids.filtered(lambda s: s.state == "pending").sorted(
            lambda s: (s.round, s.sequence, s.id)
        )[:1]
        if not step:
            return False
        days = (days_by_step or {}).get(step.id) or self._step_days(step)
        today = fields.Date.context_today(self)
        agency = self.sudo().agency_id
        deadline = agency._add_working_days(today, days)
        activity = (
            self.sudo()
            ._queued_notifications()
            .activity_schedule(
                "idesk_drafting.mail_activity_type_review",
                date_deadline=deadline,
                summary=_("Review the draft"),
                note=self.summary,
                user_id=step.user_id.id,
            )
        )
        now = fields.Datetime.now()
        step.sudo().write(
            {
                "state": "active",
                "start_date": now,
                "deadline": deadline,
                "activity_id": activity.id,
            }
        )
        self._drafting_sudo().write(
            {
                "holder_id": step.user_id.id,
                "held_since": now,
                "reviewer_ids": [fields.Command.link(step.user_id.id)],
            }
        )
        return step

    def _step_days(self, step):
        chain = self.env["idesk.review.chain"]._find_chain(self.agency_id, self.type_id)
        line = chain.line_ids.filtered(lambda line: line.kind == step.kind)[:1]
        return line.days or dict(DEFAULT_STEPS).get(step.kind, 2)

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _check_reviewer(self):
        """The current step is the user's: a leader signs only what reached him."""
        self.ensure_one()
        self.check_access("read")
        step = self.current_step_id
        if self.state != "review" or not step:
            raise UserError(_("This draft is not waiting for a review."))
        if step.user_id != self.env.user:
            raise AccessError(
                _(
                    "This step is %(user)s's: only the reviewer it reached decides.",
                    user=step.user_id.name,
                )
            )
        return step

    def _review_wizard(self, decision):
        self._check_reviewer()
        titles = {
            "approve": _("Approve"),
            "sign": _("Sign"),
            "return": _("Return to the drafter"),
            "forward": _("Forward"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[decision],
            "res_model": "idesk.draft.review.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_draft_id": self.id, "default_decision": decision},
        }

    def action_approve(self):
        self.ensure_one()
        step = self._check_reviewer()
        if step.kind == "signer":
            return self._review_wizard("sign")
        self._do_review("approve")
        return True

    def action_sign(self):
        self.ensure_one()
        step = self._check_reviewer()
        if step.kind != "signer":
            raise UserError(_("This step is a review, not the signature."))
        return self._review_wizard("sign")

    def action_return(self):
        self.ensure_one()
        return self._review_wizard("return")

    def action_forward(self):
        self.ensure_one()
        return self._review_wizard("forward")

    def _do_review(self, decision, comment=None, forward_user=None, consent=False):
        """The reviewer's decision on the current step (checked here, whoever
        calls): ``approve``, ``sign`` (with ``consent``), ``return`` (with a
        ``comment``) or ``forward`` (to ``forward_user``)."""
        self.ensure_one()
        step = self._check_reviewer()
        comment = (comment or "").strip()
        now = fields.Datetime.now()
        if decision in ("approve", "sign") and (step.kind == "signer") != (
            decision == "sign"
        ):
            raise UserError(
                _("The signing leader signs; the other reviewers approve.")
                if step.kind == "signer"
                else _("Only the signing leader signs.")
            )
        if decision == "sign" and not consent:
            raise UserError(
                _(
                    "Confirm that you approve the document as its signer: this approval "
                    "stands for your signature."
                )
            )
        if decision == "return" and not comment:
            raise UserError(_("Say what the drafter must change."))
        if decision == "forward":
            if not forward_user or not forward_user.agency_id or forward_user.share:
                raise UserError(_("Choose the person the draft is forwarded to."))
            if forward_user == self.env.user:
                raise UserError(_("The draft is already yours."))
            self._check_forward_to(step, forward_user)
        if decision not in ("approve", "sign", "return", "forward"):
            raise UserError(_("Unknown decision."))
        # Close the reviewer's activity: the step is decided.
        if step.activity_id:
            step.activity_id.sudo().action_feedback(feedback=comment or None)
        new_state = {
            "approve": "approved",
            "sign": "approved",
            "return": "returned",
            "forward": "forwarded",
        }[decision]
        # sudo: the step and the draft are written by the review only, checked above.
        step.sudo().write({"state": new_state, "comment": comment, "done_date": now})
        sudo = self._drafting_sudo()
        if decision == "approve":
            self._post_decision(
                _("Approved by %(user)s.", user=self.env.user.name), comment
            )
            self._activate_next_step()
        elif decision == "sign":
            statement = self._sign_statement(now)
            sudo.write(
                {
                    "state": "signed",
                    "signed_by_id": self.env.user.id,
                    "signed_date": now,
                    "sign_statement": statement,
                    "holder_id": False,
                    "held_since": now,
                }
            )
            self._post_decision(statement, comment)
            self._notify_issuing_clerks()
        elif decision == "return":
            self.step_ids.filtered(lambda s: s.state == "pending").sudo().write(
                {"state": "cancelled"}
            )
            drafter = self.drafter_id
            sudo.write(
                {"state": "returned", "holder_id": drafter.id, "held_since": now}
            )
            self.sudo()._queued_notifications().activity_schedule(
                "idesk_drafting.mail_activity_type_returned",
                summary=_("Draft returned by %(user)s", user=self.env.user.name),
                note=comment,
                user_id=drafter.id,
            )
            self._post_decision(
                _("Returned to the drafter by %(user)s.", user=self.env.user.name),
                comment,
            )
        else:
            self.env["idesk.review.step"].sudo().create(
                {
                    "draft_id": self.id,
                    "round": step.round,
                    "sequence": step.sequence,
                    "kind": step.kind,
                    "user_id": forward_user.id,
                }
            )
            if step.kind == "signer":
                sudo.write({"signer_id": forward_user.id})
            self._post_decision(
                _(
                    "Forwarded by %(user)s to %(to)s.",
                    user=self.env.user.name,
                    to=forward_user.name,
                ),
                comment,
            )
            self._activate_next_step()
        return True

    def _sign_statement(self, when):
        """What the document states about its signature, in Vietnamese (the
        language of the document itself)."""
        draft = self.with_context(lang="vi_VN")
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=self.env.user.tz or "Asia/Ho_Chi_Minh"), when
        )
        authority = self.signer_authority or ""
        return draft.env._(
            "Approved for signature in iDESK by %(signer)s (%(authority)s %(position)s) "
            "on %(date)s; recorded consent stands for the signature until digital "
            "signatures are in use.",
            signer=self.env.user.name,
            authority=authority,
            position=self.signer_position or "",
            date=local.strftime("%d/%m/%Y %H:%M"),
        )

    def _post_decision(self, text, comment):
        body = Markup("<p>%s</p>") % text
        if comment:
            body += Markup("<p>%s</p>") % comment
        self.sudo().message_post(
            body=body,
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )

    def _notify_issuing_clerks(self):
        agency = self.sudo().issuing_agency_id
        clerks = agency.clerk_ids or agency.user_ids.filtered(
            lambda u: u.has_group("idesk_security.group_idesk_clerk")
        )
        for clerk in clerks:
            self.sudo()._queued_notifications().activity_schedule(
                "idesk_drafting.mail_activity_type_issue",
                summary=_("Issue the signed document"),
                user_id=clerk.id,
            )

    def _queued_notifications(self):
        """The e-mail that tells a person of the activity goes through Odoo's
        mail queue (retried by its job) instead of being sent during the click:
        a mail server down neither slows the step nor loses the e-mail."""
        return self.with_context(mail_notify_force_send=False)
