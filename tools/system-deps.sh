#!/usr/bin/env bash
# The Debian packages `make report` and `make test` need beyond Python, installed when missing:
#
#   tools/system-deps.sh report   the libraries WeasyPrint loads (GLib, Pango, HarfBuzz,
#                                 fontconfig); no fonts, no HarfBuzz-Subset: the PDF's fonts ship
#                                 in lkj/assets/fonts and WeasyPrint subsets nothing
#   tools/system-deps.sh test     those, and chromium (the browser tests, driven by Playwright),
#                                 poppler-utils (pdffonts, pdftoppm: the PDF as a reader sees
#                                 and draws it) and LibreOffice's Calc and Writer (soffice,
#                                 headless: the workbooks and Word files lkj writes, opened as
#                                 Excel and Word would); the tests fail, never skip, without them
#
# Nothing to do (the usual case): silent. As root: apt-get installs what is missing
# (non-interactive, quiet). Otherwise: one line naming the command to run, exit 1.
set -euo pipefail

target=${1:-test}
case $target in report | test) ;; *) echo "usage: $0 [report|test]" >&2; exit 2 ;; esac

libs=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null || true)
has_lib() { [[ $libs == *[[:space:]]"$1 "* ]]; }

missing=()
has_lib libgobject-2.0.so.0 || missing+=(libglib2.0-0)
has_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0)
has_lib libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
has_lib libharfbuzz.so.0 || missing+=(libharfbuzz0b)
has_lib libfontconfig.so.1 || missing+=(libfontconfig1)
if [[ $target == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  { command -v pdftoppm && command -v pdffonts; } >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc libreoffice-writer)
fi
((${#missing[@]})) || exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: make $target needs Debian packages that are missing: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "system-deps: installing Debian packages: ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -qq -o DPkg::Lock::Timeout=600) # wait for another apt run rather than fail
if ! { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; } \
  >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "error: apt-get could not install ${missing[*]} (its output above)" >&2
  exit 1
fi
