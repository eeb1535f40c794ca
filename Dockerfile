# iDESK for Odoo 18.0: the official Odoo image plus what iDESK needs.
#   docker compose build        (see docker-compose.yml and docs/deployment.md)
# Build context: the repository root (.dockerignore keeps .venv, var/, node_modules out).
FROM odoo:18.0

USER root

# OCR of scanned documents with Vietnamese data, PDF tools (pdftoppm/pdftotext) and
# fonts with Vietnamese glyphs for PDF reports (fonts-liberation 1.x lacks ạ ế ơ ư),
# LibreOffice headless to turn DOCX/ODT drafts into PDF (idesk_drafting).
# wkhtmltopdf (patched Qt) already comes with the official image.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        tesseract-ocr \
        tesseract-ocr-vie \
        poppler-utils \
        fonts-liberation2 \
        fonts-dejavu-core \
        libreoffice-writer-nogui \
    && rm -rf /var/lib/apt/lists/*

# iDESK's own Python packages, on top of those of the image's Odoo (Debian
# packages). The image's Python is "externally managed" (PEP 668).
COPY requirements.txt /opt/idesk/requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/idesk/requirements.txt

# The addons and the production configuration (odoo.conf: addons_path lists
# /opt/idesk/addons; the official entrypoint reads /etc/odoo/odoo.conf).
COPY --chown=odoo:odoo addons /opt/idesk/addons
COPY --chown=odoo:odoo odoo.conf /etc/odoo/odoo.conf

USER odoo

# Odoo 18's /web/health answers {"status": "pass"} without a database or session.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8069/web/health"]
