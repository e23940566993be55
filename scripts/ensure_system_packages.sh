#!/usr/bin/env bash
# Install the Debian packages a tier of the project needs, when missing. Never downloads a browser any other way.
#   run   (make run):  fonts-dejavu-core, the font the board pack's PDF is measured and drawn with. Nothing else:
#                      serving the dashboard needs no browser, office suite, database server or proxy.
#   test  (make test): also Chromium (browser tests), poppler-utils (PDF pages as images), LibreOffice Impress and
#                      Writer (slides and the annual report rendered to PDF), the PostgreSQL server (the store
#                      tests' throwaway cluster) and haproxy (the two-replica test).
set -euo pipefail
tier="${1:-test}"
need=()
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
case "$tier" in
  run) ;;
  test)
    [ -x /usr/bin/chromium ] || need+=(chromium)
    command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
    command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-impress)
    [ -e /usr/lib/libreoffice/program/swriter ] || need+=(libreoffice-writer)
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
    [ -x /usr/sbin/haproxy ] || need+=(haproxy)
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
