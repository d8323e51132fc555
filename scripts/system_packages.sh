#!/usr/bin/env bash
# Installs optional system packages when we can (root, apt) and says so when we cannot.
# Without them FairMatch still works: PDFs fall back to pdfminer.six, browser tests skip.
set -u
wanted=()
command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
if [ "${FAIRMATCH_BROWSER_TESTS:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
fi
[ ${#wanted[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${wanted[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}") \
    >/dev/null 2>&1 || echo "warning: could not install ${wanted[*]}; continuing without" >&2
else
  echo "note: ${wanted[*]} not installed (needs root and apt); FairMatch falls back" >&2
fi
exit 0
