#!/usr/bin/env bash
# Installs optional system packages when we can (root, apt) and says so when we cannot.
# Without them FairMatch still works: PDFs fall back to pdfminer.six, browser tests skip.
# In CI (CI=true) they are required: the tests that need them fail instead of skipping, so a
# package that cannot be installed stops here with the reason.
set -u
ci=0
[ "$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')" = "true" ] && ci=1
wanted=()
command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
if [ "${FAIRMATCH_BROWSER_TESTS:-0}" = "1" ] || [ "$ci" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
fi
[ ${#wanted[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${wanted[*]}" >&2
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}") \
    >/dev/null 2>&1; then
    if [ "$ci" = "1" ]; then
      echo "error: could not install ${wanted[*]}; CI=true needs them (pdftotext, chromium)" >&2
      exit 1
    fi
    echo "warning: could not install ${wanted[*]}; continuing without" >&2
  fi
elif [ "$ci" = "1" ]; then
  echo "error: ${wanted[*]} not installed and cannot be (needs root and apt); CI=true needs them" >&2
  exit 1
else
  echo "note: ${wanted[*]} not installed (needs root and apt); FairMatch falls back" >&2
fi
if [ "$ci" = "1" ]; then
  for tool in pdftotext chromium; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool still missing" >&2; exit 1; }
  done
fi
exit 0
