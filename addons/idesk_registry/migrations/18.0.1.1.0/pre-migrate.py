"""Record rules of documents and books gained their read/write split.

They live in a ``noupdate`` block, which an upgrade never reloads: remove the
registry's own rules here so that the upgrade creates them again as shipped
(a local change to these rules has to be made again after this upgrade).
"""


def migrate(cr, version):
    cr.execute(
        """
        WITH rules AS (
            DELETE FROM ir_model_data
             WHERE module = 'idesk_registry' AND model = 'ir.rule'
         RETURNING res_id
        )
        DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM rules)
        """
    )
