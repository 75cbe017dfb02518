#!/usr/bin/env bash
# Regenerates the committed fixtures seed-plan.docx and seed-plan.pdf from seed-plan.html.
# Needs LibreOffice Writer and a CJK font, e.g.
#   apt-get install -y --no-install-recommends libreoffice-writer fonts-noto-cjk
# CI does not run this: the generated files are committed next to their source.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="-env:UserInstallation=file://$tmp/profile"
# Import as a Writer document (not Writer/Web), so that tables keep borders and page size.
soffice --headless "$profile" --infilter="HTML (StarWriter)" \
  --convert-to "docx:MS Word 2007 XML" --outdir "$tmp" seed-plan.html
soffice --headless "$profile" --convert-to pdf:writer_pdf_Export --outdir "$tmp" "$tmp/seed-plan.docx"
cp "$tmp/seed-plan.docx" "$tmp/seed-plan.pdf" .
ls -l seed-plan.docx seed-plan.pdf
