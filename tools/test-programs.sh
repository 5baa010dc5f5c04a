#!/usr/bin/env bash
# The programs the tests start for real, from Debian's packages: redis-server, PostgreSQL's server
# binaries (/usr/lib/postgresql/<version>/bin, or PG_BIN), /usr/bin/chromium (or CHROMIUM_PATH) for the
# browser tests, curl for the README's example, pdftotext (poppler-utils) for the plan's documents, faketime for the fault tests. Used by `./enplan test` (and so by .ci/run) before
# anything is installed or built, so no test fails because a program is missing:
# - all there: silent, exit 0;
# - some missing, running as root: installs them with apt-get, saying so;
# - otherwise (not root, ENPLAN_INSTALL_MISSING=no, or apt-get failed): exit 1 at once, naming the one
#   command to run.
# Only bash builtins until apt-get, so it runs with any PATH.
set -uo pipefail

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
postgres_found=no
if [ -n "${PG_BIN:-}" ]; then
  [ -x "$PG_BIN/initdb" ] && postgres_found=yes
else
  for initdb in /usr/lib/postgresql/*/bin/initdb; do [ -x "$initdb" ] && postgres_found=yes; done
fi
[ "$postgres_found" = yes ] || missing+=(postgresql)
# Where the browser tests look for it (test/src/browser.ts), not merely somewhere on PATH.
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v curl >/dev/null || missing+=(curl)
# pdftotext reads the plan's PDF documents in the tests (test/src/planCourse.test.ts).
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# libfaketime steps the consent service's clock in the fault tests (test/src/faultSchedule.test.ts).
command -v faketime >/dev/null || missing+=(faketime)

[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get install -y ${missing[*]}"
if [ "$EUID" -eq 0 ] && [ "${ENPLAN_INSTALL_MISSING:-yes}" != no ]; then
  echo "enplan test: installing ${missing[*]} from Debian's packages: apt-get update && ${install}" >&2
  if apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2; then
    # Installed: check again, without installing, that the tests find them now.
    ENPLAN_INSTALL_MISSING=no exec "$BASH" "$0"
  fi
  echo "enplan test: apt-get could not install ${missing[*]}; nothing was run." >&2
else
  echo "enplan test: the tests need ${missing[*]}, which this machine lacks; nothing was run." >&2
fi
[ "$EUID" -eq 0 ] || install="sudo ${install}"
echo "Install them, then run ./enplan test again:" >&2
echo "  ${install}" >&2
exit 1
