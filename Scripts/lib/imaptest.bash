# Scripts/lib/imaptest.bash - what Scripts/imaptest-check and Scripts/bench share about Dovecot's
# imaptest, which is never part of this repository: finding the binary and feeding its APPEND.
# Source it; it defines functions only.

# imaptest_binary: prints the imaptest to use (IMAPTEST, else `imaptest` on PATH); fails if none.
imaptest_binary() {
    local bin="${IMAPTEST:-$(command -v imaptest || true)}"
    [ -n "$bin" ] && [ -x "$bin" ] || return 1
    echo "$bin"
}

# imaptest_mbox FILE: writes an mbox for imaptest's APPEND (it reads messages from one): plain and
# multipart messages with the headers imaptest's state checks compare across sessions.
imaptest_mbox() {
    python3 - "$1" <<'PY'
import sys
out = []
for i in range(1, 25):
    head = (f"From sender{i}@example.org Thu Jan  1 00:00:00 2026\n"
            f"From: Sender {i} <sender{i}@example.org>\nTo: rcpt@example.com\nCc: cc{i % 3}@example.com\n"
            f"Subject: imaptest message {i}\nMessage-ID: <{i}.imaptest@example.org>\n"
            f"Date: Thu, 01 Jan 2026 00:{i:02d}:00 +0000\nMIME-Version: 1.0\n")
    if i % 3:
        out.append(head + "Content-Type: text/plain; charset=us-ascii\n\n" + f"line {i} of the body\n" * (i * 12) + "\n")
    else:
        out.append(head + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
                   + "hello\n" * i + '--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n'
                   + "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=\n" * (i * 8) + "--b--\n\n")
open(sys.argv[1], "w").write("".join(out))
PY
}

# imaptest_commands LOG: the number of commands imaptest's "Totals:" table says it completed.
imaptest_commands() {
    awk '/^Totals:/ { found = NR } found && NR == found + 4 { for (i = 1; i <= NF; i++) n += $i; print n; exit }' "$1"
}
