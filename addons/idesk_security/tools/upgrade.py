"""Helpers for the iDESK addons' migration scripts."""


def drop_shipped_rules(cr, module):
    """Remove the record rules ``module`` ships, so that the upgrade creates them
    again as they are now.

    Rules live in ``noupdate`` blocks, which an upgrade never reloads: when the
    access contract changes, the shipped rules must be replaced (a local change
    to them has to be made again after the upgrade).
    """
    cr.execute(
        """
        WITH rules AS (
            DELETE FROM ir_model_data
             WHERE module = %s AND model = 'ir.rule'
         RETURNING res_id
        )
        DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM rules)
        """,
        [module],
    )
