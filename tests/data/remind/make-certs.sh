#!/bin/sh
# Makes the test CA and the SMTP test server's certificate (100 years, for
# 127.0.0.1, ::1 and localhost) with the openssl CLI:
#   sh tests/data/remind/make-certs.sh
# writes ca.pem, server.pem and server.key beside this script.  The CA's key
# is thrown away: nothing else can be signed with it.  For tests only.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
days=36525
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -sha256 -days $days -subj "/O=aarshjul tests/CN=aarshjul test CA" \
    -keyout "$tmp/ca.key" -out ca.pem \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -sha256 -subj "/O=aarshjul tests/CN=localhost" \
    -keyout server.key -out "$tmp/server.csr"
cat >"$tmp/ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, IP:::1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
openssl x509 -req -in "$tmp/server.csr" -CA ca.pem -CAkey "$tmp/ca.key" \
    -CAcreateserial -CAserial "$tmp/ca.srl" -sha256 -days $days \
    -extfile "$tmp/ext" -out server.pem
chmod 644 ca.pem server.pem server.key
openssl verify -CAfile ca.pem server.pem
