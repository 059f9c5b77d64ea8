#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages, when it is missing:
# the chromium browser (driven by Playwright through executable_path) and the
# WenQuanYi Micro Hei font, so Chinese renders in screenshots; PostgreSQL and Redis
# servers for the scale-out tests (started and stopped by the tests themselves);
# nginx with its Brotli module, openssl and wrk for the production-profile tests and
# the benchmarks under bench/.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
# The scale-out tests run the portal on real PostgreSQL and Redis servers.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# The production profile: Debian's nginx in front of gunicorn, serving published files.
command -v nginx >/dev/null 2>&1 || need+=(nginx)
compgen -G "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so" >/dev/null ||
  need+=(libnginx-mod-http-brotli-static)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if ((${#need[@]})); then
  echo "==> Installing ${need[*]} from Debian packages"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig
fi
