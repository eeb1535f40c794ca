{
    "name": "iDESK Drafting Digital Signatures",
    "summary": "The leader signs the approved draft with his key; the clerk's issue "
    "applies the agency's digital signature",
    "version": "18.0.1.0.0",
    "category": "iDESK",
    "website": "https://github.com/idesk-odoo/idesk",
    "author": "iDESK for Odoo",
    "maintainers": ["idesk-odoo"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["idesk_drafting", "idesk_signature"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/idesk_draft_review_wizard_views.xml",
        "wizard/idesk_draft_issue_wizard_views.xml",
        "wizard/idesk_draft_signed_upload_wizard_views.xml",
        "views/idesk_draft_views.xml",
        "views/idesk_signing_key_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
