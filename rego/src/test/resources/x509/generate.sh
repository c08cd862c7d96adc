#!/bin/sh
# Regenerates the x509 fixtures used by X509BuiltinsTest (a self-signed RSA certificate and its
# PKCS#1 key). Requires openssl.
set -e
cd "$(dirname "$0")"
openssl genrsa -traditional -out key-pkcs1.pem 2048
openssl req -new -x509 -key key-pkcs1.pem -out cert.pem -days 36500 \
  -subj "/C=DE/O=ModelGate Test/OU=Policies/CN=modelgate.test" \
  -addext "subjectAltName=DNS:modelgate.test,DNS:*.modelgate.test,IP:127.0.0.1" \
  -addext "basicConstraints=critical,CA:TRUE"
openssl req -new -key key-pkcs1.pem -out request.csr -subj "/C=DE/O=ModelGate Test/CN=request.modelgate.test"
