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


def forget_menu_translations(cr, module, names):
    """Forget the translations of the names of ``module``'s menus ``names`` (xml ids
    without the module), keeping the English.

    An upgrade loads a renamed menu's new English name but keeps its translations
    (the .po files fill only what is missing): called from a post-migrate script,
    the addon's translations, loaded right after it, give the new names.
    """
    cr.execute(
        """
        UPDATE ir_ui_menu menu
           SET name = jsonb_build_object('en_US', menu.name->'en_US')
          FROM ir_model_data data
         WHERE data.module = %s AND data.model = 'ir.ui.menu'
           AND data.name IN %s AND data.res_id = menu.id
        """,
        [module, tuple(names)],
    )
