from odoo import fields, models


class IdeskBackupLog(models.Model):
    """One run of ``scripts/backup.sh``, written by the script when the archive is
    complete (shown as "Last backup" in the health view).

    The script inserts the row with SQL, so that it works without a running Odoo;
    nobody changes it from the user interface.
    """

    _name = "idesk.backup.log"
    _description = "Backup"
    _order = "backup_date desc, id desc"
    _rec_name = "archive_path"

    backup_date = fields.Datetime(string="Date", required=True, readonly=True)
    database_name = fields.Char(string="Database", readonly=True)
    archive_path = fields.Char(string="Archive", required=True, readonly=True)
    host = fields.Char(string="Machine", readonly=True)
    size_bytes = fields.Float(string="Size (bytes)", readonly=True, digits=(20, 0))
    document_count = fields.Integer(string="Documents", readonly=True)
    digest = fields.Char(
        string="Data digest",
        readonly=True,
        help="SHA-256 over the iDESK data at the moment of the dump; the restore "
        "command checks the restored database against it.",
    )
