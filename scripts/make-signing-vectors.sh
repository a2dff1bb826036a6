#!/usr/bin/env bash
# Writes the signing test vectors of Tests/TickmarkSigningTests/Vectors (or of the folder given as
# the first argument) with the real tools only: ssh-keygen, openssl and python3's standard library.
#
# Every file is deterministic: the key is the Ed25519 seed 00 01 … 1f, the key file's check number
# is fixed (0x01020304), and Ed25519 signatures depend only on the key and the message (RFC 8032).
# So running this script again gives the same bytes, and the tests may compare with them exactly.
#
#   id_ed25519, id_ed25519.pub   the key as an unencrypted openssh-key-v1 file and its .pub line
#   pub.bin, pub.pem             the raw 32-byte public key, and the PEM openssl writes for it
#   message.txt, message.txt.sig "hello world\n", signed by `ssh-keygen -Y sign` in namespace
#                                 release-report@example.com (SHA-512)
#   sshsig_signed_data.bin       the bytes the SSHSIG signature is made over (PROTOCOL.sshsig)
#   pae.bin, dsse_sig.bin        a DSSE pre-authentication encoding of an in-toto statement about
#                                 message.txt, and `openssl pkeyutl -sign -rawin` over it
#   envelope.json                the DSSE envelope of that statement, keyid as securesystemslib computes it
#
# The script checks its own output with the tools (ssh-keygen -y, -Y verify, -Y check-novalidate,
# openssl pkeyutl -verify) and stops on any disagreement.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../Tests/TickmarkSigningTests/Vectors"}
namespace=release-report@example.com
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The private key as PKCS#8 DER (RFC 8410): a fixed 16-byte prefix, then the 32-byte seed.
python3 - "$work/key.der" <<'PY'
import sys
prefix = bytes.fromhex("302e020100300506032b657004220420")
open(sys.argv[1], "wb").write(prefix + bytes(range(32)))
PY
openssl pkey -inform DER -in "$work/key.der" -pubout -outform DER -out "$work/pub.der"
openssl pkey -inform DER -in "$work/key.der" -pubout -out "$out/pub.pem"
tail -c 32 "$work/pub.der" > "$out/pub.bin"
printf 'hello world\n' > "$out/message.txt"

# The OpenSSH key file, the .pub line, the SSHSIG signed data and the DSSE payload and PAE.
python3 - "$out" "$namespace" <<'PY'
import base64, hashlib, struct, sys

out, namespace = sys.argv[1], sys.argv[2]
seed = bytes(range(32))
pub = open(f"{out}/pub.bin", "rb").read()

def string(data):
    return struct.pack(">I", len(data)) + data

def armor(data, label):
    text = base64.b64encode(data).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return f"-----BEGIN {label}-----\n" + "".join(line + "\n" for line in lines) + f"-----END {label}-----\n"

blob = string(b"ssh-ed25519") + string(pub)
comment = b"vector@example"
inner = struct.pack(">II", 0x01020304, 0x01020304) + string(b"ssh-ed25519") + string(pub)
inner += string(seed + pub) + string(comment)
inner += bytes(range(1, 1 + (-len(inner)) % 8))
outer = b"openssh-key-v1\0" + string(b"none") + string(b"none") + string(b"") + struct.pack(">I", 1)
outer += string(blob) + string(inner)
open(f"{out}/id_ed25519", "w").write(armor(outer, "OPENSSH PRIVATE KEY"))
open(f"{out}/id_ed25519.pub", "w").write(f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment.decode()}\n")

message = open(f"{out}/message.txt", "rb").read()
signed = b"SSHSIG" + string(namespace.encode()) + string(b"") + string(b"sha512") + string(hashlib.sha512(message).digest())
open(f"{out}/sshsig_signed_data.bin", "wb").write(signed)

body = ('{"_type":"https://in-toto.io/Statement/v1","predicate":{"result":"pass"},'
        '"predicateType":"https://example.com/release-report/v1","subject":[{"digest":{"sha256":"'
        + hashlib.sha256(message).hexdigest() + '"},"name":"message.txt"}]}').encode()
payload_type = b"application/vnd.in-toto+json"
pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)
open(f"{out}/pae.bin", "wb").write(pae)
PY

# ssh-keygen signs the message with that key file; openssl signs the PAE with the same seed.
chmod 600 "$out/id_ed25519"
cp "$out/message.txt" "$work/message.txt"
ssh-keygen -q -Y sign -f "$out/id_ed25519" -n "$namespace" "$work/message.txt"
cp "$work/message.txt.sig" "$out/message.txt.sig"
openssl pkeyutl -sign -keyform DER -inkey "$work/key.der" -rawin -in "$out/pae.bin" -out "$out/dsse_sig.bin"

# The envelope, with securesystemslib's default keyid: SHA-256 of its canonical key JSON.
python3 - "$out" <<'PY'
import base64, hashlib, json, sys

out = sys.argv[1]
pub = open(f"{out}/pub.bin", "rb").read()
pae = open(f"{out}/pae.bin", "rb").read()
signature = open(f"{out}/dsse_sig.bin", "rb").read()
payload_type = "application/vnd.in-toto+json"
body = pae[len(f"DSSEv1 {len(payload_type)} {payload_type} "):].split(b" ", 1)[1]
key_json = '{"keytype":"ed25519","keyval":{"public":"%s"},"scheme":"ed25519"}' % pub.hex()
envelope = {
    "payload": base64.b64encode(body).decode(),
    "payloadType": payload_type,
    "signatures": [{"keyid": hashlib.sha256(key_json.encode()).hexdigest(), "sig": base64.b64encode(signature).decode()}],
}
open(f"{out}/envelope.json", "w").write(json.dumps(envelope, indent=2) + "\n")
PY

# Check what was written with the tools.
ssh-keygen -y -f "$out/id_ed25519" | cut -d' ' -f1,2 | cmp -s - <(cut -d' ' -f1,2 "$out/id_ed25519.pub") \
  || { echo "ssh-keygen -y does not give id_ed25519.pub" >&2; exit 1; }
printf 'vector@example %s\n' "$(cut -d' ' -f1,2 "$out/id_ed25519.pub")" > "$work/allowed_signers"
ssh-keygen -Y verify -f "$work/allowed_signers" -I vector@example -n "$namespace" -s "$out/message.txt.sig" \
  < "$out/message.txt" > /dev/null
ssh-keygen -Y check-novalidate -n "$namespace" -s "$out/message.txt.sig" < "$out/message.txt" > /dev/null
openssl pkeyutl -verify -pubin -inkey "$out/pub.pem" -rawin -in "$out/pae.bin" -sigfile "$out/dsse_sig.bin" > /dev/null
# A fresh clone has the key file at 0644 too; the tests copy it to a 0600 file before ssh-keygen reads it.
chmod 644 "$out/id_ed25519"
echo "wrote and checked the signing vectors in $out"
