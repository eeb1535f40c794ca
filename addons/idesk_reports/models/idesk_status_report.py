from odoo import fields, models, tools
from odoo.tools import SQL


class IdeskStatusReport(models.Model):
    """Processing status of the documents handed to units (regulation art. 6).

    One row per action assignment (lead or cooperating unit/person) that is
    neither returned nor recalled; an officer's assignment handed down by a
    unit (``parent_id``) is the unit's internal work, counted through the
    unit's row. The status is evaluated today:

    * done on time / done late: completed (for delegated work: the officer's
      result accepted by the unit), late when ``late_working_days`` > 0 on
      the unit's working calendar (stored at completion);
    * overdue: not done and the deadline has passed;
    * pending: not done and still within its deadline (or without one).

    Grouped in the pivot by agency (the one that received and directed the
    document) and unit (the one that processes it); a cell opens its list.
    """

    _name = "idesk.status.report"
    _description = "Processing status (weekly follow-up)"
    _auto = False
    _order = "received_date desc"
    _rec_name = "document_id"

    assignment_id = fields.Many2one("idesk.assignment", readonly=True)
    document_id = fields.Many2one("idesk.document", string="Document", readonly=True)
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], readonly=True
    )
    agency_id = fields.Many2one("idesk.agency", string="Agency", readonly=True)
    unit_id = fields.Many2one("idesk.agency", string="Unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    role = fields.Selection(
        [("lead", "Lead"), ("cooperate", "Cooperating")], readonly=True
    )
    received_date = fields.Date(readonly=True)
    deadline = fields.Date(readonly=True)
    done_date = fields.Date(readonly=True)
    late_working_days = fields.Integer(
        string="Working days late", readonly=True, aggregator="sum"
    )
    status = fields.Selection(
        [
            ("done_on_time", "Done on time"),
            ("done_late", "Done late"),
            ("overdue", "Overdue"),
            ("pending", "Pending"),
        ],
        readonly=True,
    )
    received_count = fields.Integer(string="Received", readonly=True, aggregator="sum")
    done_on_time_count = fields.Integer(
        string="Done on time", readonly=True, aggregator="sum"
    )
    done_late_count = fields.Integer(
        string="Done late", readonly=True, aggregator="sum"
    )
    overdue_count = fields.Integer(string="Overdue", readonly=True, aggregator="sum")
    pending_count = fields.Integer(string="Pending", readonly=True, aggregator="sum")
    on_time_rate = fields.Float(
        string="On-time rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the finished assignments that were done by their deadline.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the status is evaluated in the Vietnamese day, once per assignment
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT s.*,
                       1 AS received_count,
                       (s.status = 'done_on_time')::int AS done_on_time_count,
                       (s.status = 'done_late')::int AS done_late_count,
                       (s.status = 'overdue')::int AS overdue_count,
                       (s.status = 'pending')::int AS pending_count,
                       CASE s.status
                           WHEN 'done_on_time' THEN 100.0
                           WHEN 'done_late' THEN 0.0
                       END AS on_time_rate
                  FROM (
                    SELECT a.id AS id,
                           a.id AS assignment_id,
                           a.document_id,
                           d.direction,
                           d.agency_id,
                           a.recipient_agency_id AS unit_id,
                           a.user_id,
                           a.role,
                           (a.create_date AT TIME ZONE 'UTC'
                               AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_date,
                           a.deadline,
                           a.completion_date AS done_date,
                           COALESCE(a.late_working_days, 0) AS late_working_days,
                           CASE
                               WHEN a.state = 'done'
                                    AND a.completion_status = 'late' THEN 'done_late'
                               WHEN a.state = 'done' THEN 'done_on_time'
                               WHEN a.deadline
                                    < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                   THEN 'overdue'
                               ELSE 'pending'
                           END AS status
                      FROM idesk_assignment a
                      JOIN idesk_document d ON d.id = a.document_id
                     WHERE a.role IN ('lead', 'cooperate')
                       AND a.parent_id IS NULL
                       AND a.state NOT IN ('returned', 'recalled')
                  ) s
            )
            """,
                SQL.identifier(self._table),
            )
        )
