#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages, when it is missing:
# the chromium browser (driven by Playwright through executable_path) and the
# WenQuanYi Micro Hei font, so Chinese renders in screenshots.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
if ((${#need[@]})); then
  echo "==> Installing ${need[*]} from Debian packages"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig
fi
