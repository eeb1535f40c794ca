from collections import defaultdict

from odoo import api, models

# Drafts listed in one message; the rest is counted.
MAX_LINES = 50


class IdeskDraft(models.Model):
    """The weekly list of stuck drafts: every head of a drafting unit and the
    head of the issuing agency's Office receive, in one e-mail each (queued),
    the drafts of theirs held longer than ``idesk_drafting.stuck_days``
    working days, with who holds each and for how long."""

    _inherit = "idesk.draft"

    @api.model
    def _stuck_recipients(self):
        """``{user: drafts}``: the stuck drafts each head is told about."""
        by_user = defaultdict(lambda: self.env["idesk.draft"])
        # sudo: the job reads every agency's stuck drafts to tell their heads.
        for draft in self.sudo().search([("is_stuck", "=", True)], order="id"):
            heads = draft._default_reviewer("unit_head") | draft._default_reviewer(
                "office"
            )
            for head in heads.filtered(lambda u: u.active and u.email):
                by_user[head] |= draft
        return by_user

    @api.model
    def _cron_send_stuck_drafts(self):
        template = self.env.ref(
            "idesk_drafting.mail_template_stuck_drafts", raise_if_not_found=False
        )
        if not template:
            return self.env["mail.mail"]
        days = self._stuck_days()
        mails = self.env["mail.mail"]
        for user, drafts in self._stuck_recipients().items():
            lang = user.lang or "vi_VN"
            lines = [
                {
                    "name": draft.display_name,
                    "url": f"/odoo/idesk.draft/{draft.id}",
                    "holder": draft.holder_label,
                    "days": f"{draft.held_days:.1f}".replace(".", ","),
                }
                for draft in drafts[:MAX_LINES].with_context(lang=lang)
            ]
            mail_id = (
                template.sudo()
                .with_context(
                    lang=lang,
                    idesk_stuck_days=days,
                    idesk_stuck_lines=lines,
                    idesk_stuck_more=max(len(drafts) - MAX_LINES, 0),
                )
                .send_mail(user.id, force_send=False)
            )
            mails |= self.env["mail.mail"].sudo().browse(mail_id)
        return mails
