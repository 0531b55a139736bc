#!/usr/bin/env bash
# Authenticode-signs the Windows files of a release with osslsigncode (Debian package
# `osslsigncode`), from a Linux build or release machine, then verifies each signature.
#
#   installer/sign.sh --pkcs12 CERT.p12 [--pass-file FILE] [--timestamp URL] [--ca CA.pem] FILE...
#
# Sign, in this order (installer/README.md, "Code signing"): digipunt-kiosk.exe and the PowerShell
# scripts before Inno Setup packages them, then the setup .exe. Each file is signed in place (through
# a temporary file, so a failure leaves the unsigned original). --timestamp (an RFC 3161 server of
# the certificate's vendor) keeps signatures valid after the certificate expires; leave it out only
# for tests. --ca: the CA to verify against (a test certificate's own; default: the system's).
set -euo pipefail

PKCS12=""
PASS_FILE=""
TIMESTAMP=""
CA=/etc/ssl/certs/ca-certificates.crt
die() { echo "sign: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --pkcs12) PKCS12="$2"; shift 2 ;;
        --pass-file) PASS_FILE="$2"; shift 2 ;;
        --timestamp) TIMESTAMP="$2"; shift 2 ;;
        --ca) CA="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || die "name the files to sign (see --help)"
[ -f "$PKCS12" ] || die "no certificate: give --pkcs12 CERT.p12"
command -v osslsigncode >/dev/null || die "osslsigncode is missing: sudo apt install osslsigncode"

args=(sign -pkcs12 "$PKCS12" -h sha256 -n "Digipunt" -i "https://github.com/digipunt")
[ -z "$PASS_FILE" ] || args+=(-readpass "$PASS_FILE")
[ -z "$TIMESTAMP" ] || args+=(-ts "$TIMESTAMP")

for file in "$@"; do
    [ -f "$file" ] || die "$file: no such file"
    tmp="$(mktemp "$file.signing.XXXXXX")"
    rm -f "$tmp"  # osslsigncode refuses to overwrite
    osslsigncode "${args[@]}" -in "$file" -out "$tmp" >/dev/null || { rm -f "$tmp"; die "$file: signing failed"; }
    mv "$tmp" "$file"
    osslsigncode verify -CAfile "$CA" -in "$file" >/dev/null || die "$file: the signature does not verify"
    echo "signed: $file"
done
