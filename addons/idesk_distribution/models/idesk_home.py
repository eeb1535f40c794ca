from odoo import _, api, fields, models

from .idesk_assignment import OPEN_STATES

# "Due soon" on the home: a deadline within this many working days of today.
DUE_SOON_WORKING_DAYS = 3


class IdeskHome(models.AbstractModel):
    """The distribution's part of the home.

    ===============================  =========================================
    Counter                          Shown to
    ===============================  =========================================
    waiting for direction            leaders (their agencies), clerks (own)
    from other agencies, to register clerks of the recipient agency
    my assignments: open, overdue,   everyone with an agency
    due within 3 working days
    the agency's assignments:        leaders (their agencies and sub-agencies),
    overdue, due within 3 days       clerks (own agency)
    ===============================  =========================================
    """

    _inherit = "idesk.home"

    @api.model
    def _get_home_counters(self):
        counters = super()._get_home_counters()
        user = self.env.user
        agency = user.agency_id
        if not agency:
            return counters
        is_leader = user.has_group("idesk_security.group_idesk_leader")
        is_clerk = user.has_group("idesk_security.group_idesk_clerk")
        today = fields.Date.context_today(self)
        due_soon = [
            ("deadline", ">=", today),
            ("deadline", "<=", agency._add_working_days(today, DUE_SOON_WORKING_DAYS)),
        ]
        overdue = [("deadline", "<", today)]
        open_states = [("state", "in", OPEN_STATES)]
        if is_leader or is_clerk:
            counters.append(self._home_to_direct_counter(is_leader))
        if is_clerk:
            counters.append(self._home_received_counter())
        mine = [("user_id", "=", user.id), *open_states]
        counters += [
            self._home_assignment_counter(
                "open_mine", 40, _("My assignments to process"), "info", mine
            ),
            self._home_assignment_counter(
                "overdue_mine",
                50,
                _("My assignments overdue"),
                "danger",
                mine + overdue,
            ),
            self._home_assignment_counter(
                "due_soon_mine",
                55,
                _("My assignments due within 3 working days"),
                "warning",
                mine + due_soon,
            ),
        ]
        if is_leader or is_clerk:
            scope = self._home_agency_scope(is_leader)
            agency_open = [
                "|",
                ("sender_agency_id", "in", scope.ids),
                ("recipient_agency_id", "in", scope.ids),
                *open_states,
            ]
            xml_id = "idesk_distribution.action_idesk_assignment_sent"
            counters += [
                self._home_assignment_counter(
                    "overdue_agency",
                    60,
                    _("Overdue in my agency"),
                    "danger",
                    agency_open + overdue,
                    xml_id,
                ),
                self._home_assignment_counter(
                    "due_soon_agency",
                    65,
                    _("Due within 3 working days in my agency"),
                    "warning",
                    agency_open + due_soon,
                    xml_id,
                ),
            ]
        return counters

    # ------------------------------------------------------------------
    # Counters
    # ------------------------------------------------------------------
    @api.model
    def _home_to_direct_counter(self, is_leader):
        agencies = (
            self._home_directed_agencies() if is_leader else self.env.user.agency_id
        )
        return {
            "key": "to_direct",
            "sequence": 20,
            "label": _("Waiting for direction"),
            "severity": "warning",
            "action": self._home_list_action(
                "idesk_distribution.action_idesk_document_to_direct",
                _("Waiting for direction"),
                [
                    ("direction", "=", "incoming"),
                    ("state", "=", "registered"),
                    ("process_state", "=", "to_direct"),
                    ("agency_id", "in", agencies.ids),
                ],
            ),
        }

    @api.model
    def _home_received_counter(self):
        user = self.env.user
        agencies = user.agency_id | self.env["idesk.agency"]._idesk_kept_agencies(
            user, "incoming"
        )
        return {
            "key": "received_to_register",
            "sequence": 30,
            "label": _("From other agencies, to register"),
            "severity": "warning",
            "action": self._home_list_action(
                "idesk_distribution.action_idesk_assignment_received",
                _("From other agencies, to register"),
                [("agency_id", "in", agencies.ids), ("state", "=", "received")],
            ),
        }

    @api.model
    def _home_assignment_counter(
        self,
        key,
        sequence,
        label,
        severity,
        domain,
        xml_id="idesk_distribution.action_idesk_assignment_mine",
    ):
        return {
            "key": key,
            "sequence": sequence,
            "label": label,
            "severity": severity,
            "action": self._home_list_action(xml_id, label, domain),
        }

    # ------------------------------------------------------------------
    # Scopes
    # ------------------------------------------------------------------
    @api.model
    def _home_led_agencies(self):
        """The leader's own agency and the agencies that name them as leader."""
        user = self.env.user
        return user.agency_id | self.env["idesk.agency"].search(
            [("leader_ids", "in", user.ids)]
        )

    @api.model
    def _home_directed_agencies(self):
        """Agencies whose documents wait for this leader's direction: those they
        lead, and the sub-agencies with no leader of their own, whose documents go
        up to them (``idesk.document._get_leaders()``)."""
        led = self._home_led_agencies()

        def directing(agency):
            while agency and not agency.leader_ids:
                agency = agency.parent_id
            return agency

        subs = self.env["idesk.agency"].search([("id", "child_of", led.ids)])
        return subs.filtered(lambda agency: agency in led or directing(agency) in led)

    @api.model
    def _home_agency_scope(self, is_leader):
        """Whose assignments a leader or clerk follows: a clerk their own agency's,
        a leader also those of the sub-agencies."""
        if not is_leader:
            return self.env.user.agency_id
        return self.env["idesk.agency"].search(
            [("id", "child_of", self._home_led_agencies().ids)]
        )
