import base64
import sys
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command

# PostgreSQL int4: the column of Integer fields and of record ids.
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
# Years a date may have on iDESK (PostgreSQL and Python take more).
YEAR_MIN, YEAR_MAX = 1000, 9999
# Above this a Python int no longer converts to a float (OverflowError).
MAX_FLOAT = sys.float_info.max


class IdeskInputMixin(models.AbstractModel):
    """Values of the wrong type are refused before anything is written.

    Over JSON-RPC and XML-RPC anything can be sent as a field value. Odoo converts
    what the web client sends (and its own code writes); the rest ends in a raw
    server error (``ValueError``, psycopg2 ``NumericValueOutOfRange``…) that a
    clerk cannot read. Every iDESK model that people write inherits this mixin
    (documents through ``idesk.access.mixin``): ``create`` and ``write`` refuse
    such a value with a ``ValidationError`` naming the field, in the user's
    language (also over the external API, whose calls carry no context).
    What is accepted, by field type (``False``/``None``: empty):

    ===================  ====================================================
    integer              int or integral float within PostgreSQL's int4
    float, monetary      int or float, finite, within the column's digits
    char, text, html     str without null character
    boolean              True / False (or 1 / 0)
    date, datetime       date/datetime object or ``YYYY-MM-DD[ HH:MM:SS]``,
                         year 1000 to 9999
    selection            one of the field's values
    many2one             id (int4), a record; on write also an (id, name) tuple
    one2many, many2many  ids, a recordset, or a list of commands
                         (``Command.*`` or their tuples); values inside
                         create/update commands are checked the same way
    binary               base64 str or bytes
    ===================  ====================================================
    """

    _name = "idesk.input.mixin"
    _description = "iDESK check of the values received"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals, create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, vals)
        return super().write(vals)


def check_values(model, vals, create=False):
    """Raise a ValidationError for the first value of ``vals`` that ``model``
    cannot store."""
    env = model.env
    if not env.lang:
        # Calls over the external API carry no context: answer in the user's language.
        env = env(context=dict(env.context, lang=env.user.lang))
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None:
            raise ValidationError(env._("Unknown field: %(name)s.", name=name))
        check = FIELD_CHECKS.get(field.type)
        if check and value is not None and value is not False:
            message = check(env, field, value, create)
            if message:
                raise ValidationError(message)


# One check by field type: the translated message saying why ``value`` does not
# fit ``field``, or None.
def _integer(env, field, value, create):
    if not _is_whole(value):
        return env._("%(field)s: a whole number is expected.", field=_label(env, field))
    if not INT4_MIN <= value <= INT4_MAX:
        return env._(
            "%(field)s: the number must be between %(min)s and %(max)s.",
            field=_label(env, field),
            min=INT4_MIN,
            max=INT4_MAX,
        )
    return None


def _float(env, field, value, create):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return env._("%(field)s: a number is expected.", field=_label(env, field))
    digits = field.type == "float" and field.get_digits(env)
    limit = 10 ** (digits[0] - digits[1]) if digits else MAX_FLOAT
    if not abs(value) < limit:  # also refuses NaN and infinities
        return env._("%(field)s: the number is out of range.", field=_label(env, field))
    return None


def _text(env, field, value, create):
    if not isinstance(value, str):
        return env._("%(field)s: a text is expected.", field=_label(env, field))
    if "\x00" in value:
        return env._(
            "%(field)s: the text contains a null character.", field=_label(env, field)
        )
    return None


def _boolean(env, field, value, create):
    if value is True or value in (0, 1):
        return None
    return env._("%(field)s: true or false is expected.", field=_label(env, field))


def _date(env, field, value, create):
    if _year_in_range(value, fields.Date.to_date):
        return None
    return env._(
        "%(field)s: a date (YYYY-MM-DD) between the years 1000 and 9999 is expected.",
        field=_label(env, field),
    )


def _datetime(env, field, value, create):
    if _year_in_range(value, fields.Datetime.to_datetime):
        return None
    return env._(
        "%(field)s: a date and time (YYYY-MM-DD HH:MM:SS) between the years 1000 "
        "and 9999 is expected.",
        field=_label(env, field),
    )


def _selection(env, field, value, create):
    if value in field.get_values(env):
        return None
    return env._(
        "%(field)s: “%(value)s” is not one of the allowed values.",
        field=_label(env, field),
        value=str(value)[:80],
    )


def _many2one(env, field, value, create):
    if isinstance(value, models.BaseModel):
        valid = value._name == field.comodel_name and len(value) <= 1
    else:
        # Odoo's write takes the (id, name) tuple of a read; its create does not,
        # and a list (a pair sent over RPC) would silently empty the field.
        pair = not create and isinstance(value, tuple) and len(value) == 2
        valid = _is_id(value[0] if pair else value)
    if valid:
        return None
    return env._("%(field)s: the id of a record is expected.", field=_label(env, field))


def _x2many(env, field, value, create):
    if _is_x2many(env[field.comodel_name], value):
        return None
    return env._(
        "%(field)s: a list of record ids or of commands is expected.",
        field=_label(env, field),
    )


def _binary(env, field, value, create):
    try:
        base64.b64decode(value)
    except (TypeError, ValueError):
        return env._(
            "%(field)s: a file encoded in base64 is expected.", field=_label(env, field)
        )
    return None


FIELD_CHECKS = {
    "integer": _integer,
    "many2one_reference": _integer,
    "float": _float,
    "monetary": _float,
    "char": _text,
    "text": _text,
    "html": _text,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "selection": _selection,
    "many2one": _many2one,
    "one2many": _x2many,
    "many2many": _x2many,
    "binary": _binary,
}


def _label(env, field):
    return field._description_string(env)


def _is_whole(value):
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


def _is_id(value):
    return (
        isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT4_MAX
    )


def _year_in_range(value, convert):
    if not isinstance(value, (str, date)):
        return False
    try:
        converted = convert(value)
    except ValueError:
        return False
    return bool(converted) and YEAR_MIN <= converted.year <= YEAR_MAX


def _is_x2many(comodel, value):
    """Whether Odoo's x2many write (``_RelationalMulti.write_batch``) takes ``value``."""
    if isinstance(value, models.BaseModel):
        return value._name == comodel._name
    if isinstance(value, tuple) or (
        isinstance(value, list) and value and not isinstance(value[0], (list, tuple))
    ):
        return all(_is_id(record_id) for record_id in value)
    return isinstance(value, list) and all(
        _is_command(comodel, command) for command in value
    )


def _is_command(comodel, command):
    if not (
        isinstance(command, (list, tuple))
        and command
        and not isinstance(command[0], bool)
        and command[0] in tuple(Command)
    ):
        return False
    code, size = command[0], len(command)
    if code == Command.CREATE:
        if size != 3 or not isinstance(command[2], dict):
            return False
        check_values(comodel, command[2], create=True)
        return True
    if code == Command.UPDATE:
        if size != 3 or not _is_id(command[1]) or not isinstance(command[2], dict):
            return False
        check_values(comodel, command[2])
        return True
    if code == Command.CLEAR:
        return True
    if code == Command.SET:
        return (
            size == 3
            and isinstance(command[2], (list, tuple))
            and all(_is_id(record_id) for record_id in command[2])
        )
    return size >= 2 and _is_id(command[1])  # DELETE, UNLINK, LINK
