#!/bin/bash
# Captures what the official connectycube SDK sends: starts a private Prosody on 127.0.0.1 from
# a scratch directory, creates the two users, runs capture.mjs in headless Chromium, then splits
# the transcript into golden files (split.mjs). Needs: prosody, chromium (Debian), node + npm ci.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
run=${CAPTURE_RUN:-/tmp/cc-capture}
out=${CAPTURE_OUT:-$run/out}
domain=chat.ponte.test
c2s=${CHAT_C2S_PORT:-15222}
httpport=${CHAT_HTTP_PORT:-15280}
httpsport=${CHAT_HTTPS_PORT:-15281}
rm -rf "$run"; mkdir -p "$run/data" "$run/certs"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$domain" -addext "subjectAltName=DNS:$domain" \
  -keyout "$run/certs/$domain.key" -out "$run/certs/$domain.crt" 2>/dev/null
sed -e "s#@DIR@#$run#g" -e "s#@C2S@#$c2s#g" -e "s#@HTTP@#$httpport#g" -e "s#@HTTPS@#$httpsport#g" -e "s#@DOMAIN@#$domain#g" \
  "$here/prosody.cfg.lua.in" > "$run/prosody.cfg.lua"
prosodyctl --config "$run/prosody.cfg.lua" register 1001-385 "$domain" ana-secret-1
prosodyctl --config "$run/prosody.cfg.lua" register 1002-385 "$domain" bob-secret-2
prosody --config "$run/prosody.cfg.lua" -F > "$run/prosody.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT INT TERM
i=0; until (echo > /dev/tcp/127.0.0.1/$httpsport) 2>/dev/null || [ $i -ge 100 ]; do i=$((i+1)); sleep 0.1; done
cd "$here"
CAPTURE_OUT="$out" CHAT_DOMAIN="$domain" CHAT_HTTPS_PORT="$httpsport" node capture.mjs
node split.mjs "$out" "${GOLDEN_DIR:-$here/../resources/golden}"
