"""Daily use of iDESK by the staff of a unit (regulation art. 7.1, 7.2, 8.3).

Art. 7.1 asks every account holder to log in every working day to receive the
documents sent to them; art. 8.3 makes the unit's IT officer help the unit
head check it. ``idesk.staff.activity`` is one read-only line per active
internal account with its agency and when it was last seen: the last login
(``res.users.log``, written by Odoo at each login) or the last sign of life
of an open session (``bus.presence``, refreshed every minute while iDESK is
open in a browser), as a session may stay open for days without a new login.

The 90-day "inactive accounts" list of the network administrator
(``res.users._idesk_inactive_user_ids``) is about dormant accounts to archive;
this one is the daily check of art. 7.1.

Who sees which lines is said once, in record rules
(security/idesk_staff_activity_rules.xml): the unit head and the unit's IT
officer their own agency, the network administrator every agency.
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.tools import SQL


class IdeskStaffActivity(models.Model):
    _name = "idesk.staff.activity"
    _description = "Daily use of iDESK by the staff"
    _auto = False
    _order = "agency_id, last_seen desc nulls last, name"
    _rec_name = "name"

    user_id = fields.Many2one("res.users", string="Account", readonly=True)
    name = fields.Char(readonly=True)
    login = fields.Char(readonly=True)
    agency_id = fields.Many2one("idesk.agency", string="Agency", readonly=True)
    last_login = fields.Datetime(string="Last login", readonly=True)
    last_seen = fields.Datetime(
        string="Last seen",
        readonly=True,
        help="The last login or, when a session stayed open, the last time iDESK "
        "was open in their browser.",
    )
    seen_today = fields.Boolean(
        string="Seen today", compute="_compute_seen", search="_search_seen_today"
    )
    seen_this_week = fields.Boolean(
        string="Seen this week",
        compute="_compute_seen",
        search="_search_seen_this_week",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT u.id AS id,
                       u.id AS user_id,
                       p.name AS name,
                       u.login AS login,
                       u.agency_id AS agency_id,
                       logins.last_login AS last_login,
                       GREATEST(logins.last_login, presence.last_presence) AS last_seen
                  FROM res_users u
                  JOIN res_partner p ON p.id = u.partner_id
                  LEFT JOIN (
                        SELECT create_uid, MAX(create_date) AS last_login
                          FROM res_users_log
                         GROUP BY create_uid
                  ) logins ON logins.create_uid = u.id
                  LEFT JOIN bus_presence presence ON presence.user_id = u.id
                 WHERE u.active AND NOT u.share AND u.id != %s
            )
            """,
                SQL.identifier(self._table),
                SUPERUSER_ID,
            )
        )

    # ------------------------------------------------------------------
    # Today and this week, in the viewer's time zone
    # ------------------------------------------------------------------
    @api.model
    def _day_starts(self):
        """(start of today, start of this week: Monday) in UTC, naive, as
        stored; the days are the viewer's (Vietnam by default)."""
        tz = pytz.timezone(self.env.user.tz or "Asia/Ho_Chi_Minh")
        today = datetime.now(tz).date()
        monday = today - timedelta(days=today.weekday())

        def utc(day):
            start = tz.localize(datetime.combine(day, time.min))
            return start.astimezone(pytz.UTC).replace(tzinfo=None)

        return utc(today), utc(monday)

    @api.depends("last_seen")
    @api.depends_context("uid")
    def _compute_seen(self):
        today, monday = self._day_starts()
        for line in self:
            seen = line.last_seen
            line.seen_today = bool(seen and seen >= today)
            line.seen_this_week = bool(seen and seen >= monday)

    def _search_seen(self, since, operator, value):
        if operator not in ("=", "!="):
            return [("id", "=", False)]
        seen = [("last_seen", ">=", since)]
        if (operator == "=") == bool(value):
            return seen
        return ["|", ("last_seen", "=", False), ("last_seen", "<", since)]

    def _search_seen_today(self, operator, value):
        return self._search_seen(self._day_starts()[0], operator, value)

    def _search_seen_this_week(self, operator, value):
        return self._search_seen(self._day_starts()[1], operator, value)
