#!/usr/bin/env bash
# Install the Debian packages the project needs (Chromium for browser tests and chart export,
# poppler-utils for PDF checks, LibreOffice Impress for slide renders, fonts for rendering, the PostgreSQL
# server for the store tests' throwaway cluster, haproxy for the two-replica test) when missing. Never downloads a
# browser any other way.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# Board-pack tests render slides to PDF with LibreOffice (then pdftoppm) to check them as images.
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-impress)
# The annual report's Word document is rendered to PDF the same way, which needs Writer.
[ -e /usr/lib/libreoffice/program/swriter ] || need+=(libreoffice-writer)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/sbin/haproxy ] || need+=(haproxy)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
