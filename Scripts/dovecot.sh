#!/usr/bin/env bash
# dovecot.sh - a private Dovecot on loopback, the real server imapbench's tests and users aim at.
#
#   Scripts/dovecot.sh start [MSGS]   install Debian's dovecot-imapd if missing, write a private
#                                     config, start it, wait for the greeting, fill every INBOX
#                                     with MSGS messages (default 50) when it is empty
#   Scripts/dovecot.sh stop           stop the instance this script started (by its master pid)
#   Scripts/dovecot.sh status         print whether it runs, with its ports
#   Scripts/dovecot.sh populate MSGS  reset every INBOX to MSGS generated messages
#   Scripts/dovecot.sh cpu            CPU seconds used so far by the whole instance
#
# Listens only on $LISTEN (127.0.0.1): IMAP $IMAP_PORT (STARTTLS offered, plaintext LOGIN allowed) and
# IMAPS $IMAPS_PORT, self-signed certificate in $DIR/ssl/cert.pem (use it as --ca-file).
# Users user1..user$USERS, password $PASS. Everything lives in $DIR; /etc/dovecot is not used.
#
# Settings that matter to a benchmark: no auth failure delay and no anvil penalty (a load test
# must measure the server, not its brute-force protection); high process and client limits;
# mail_fsync = never (disk flushes would dominate a CPU benchmark); and service_count on imap,
# which decides whether Dovecot forks a process per session (1, Dovecot's default).
#
# Environment: DIR (${TMPDIR:-/tmp}/imapbench-dovecot), LISTEN (127.0.0.1: one IPv4 address,
#   e.g. a network namespace's own for Scripts/ci/shards-netns), USERS (200), PASS (pass),
#   IMAP_PORT (10143), IMAPS_PORT (10993), IMAP_SERVICE_COUNT (1).
set -euo pipefail

DIR="${DIR:-${TMPDIR:-/tmp}/imapbench-dovecot}"
USERS="${USERS:-200}"
PASS="${PASS:-pass}"
LISTEN="${LISTEN:-127.0.0.1}"
IMAP_PORT="${IMAP_PORT:-10143}"
IMAPS_PORT="${IMAPS_PORT:-10993}"
IMAP_SERVICE_COUNT="${IMAP_SERVICE_COUNT:-1}"
MAIL_USER=imapbench-mail
CONF="$DIR/dovecot.conf"
PIDFILE="$DIR/run/master.pid"

log() { echo "[dovecot.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

install_dovecot() {
    command -v dovecot >/dev/null && [ -x /usr/lib/dovecot/imap ] && command -v openssl >/dev/null && return
    [ "$(id -u)" = 0 ] || die "dovecot-imapd is not installed and installing needs root: sudo apt-get install dovecot-imapd"
    log "installing dovecot-imapd openssl python3 (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    # never let the package start the distro-wide instance on ports 143/993
    local prc=/usr/sbin/policy-rc.d created=0
    if [ ! -e "$prc" ]; then printf '#!/bin/sh\nexit 101\n' >"$prc"; chmod 755 "$prc"; created=1; fi
    local apt=(apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
    "${apt[@]}" install dovecot-imapd openssl python3 >&2 ||
        { apt-get -q update >&2 && "${apt[@]}" install dovecot-imapd openssl python3 >&2; }
    [ "$created" = 1 ] && rm -f "$prc"
    command -v dovecot >/dev/null || die "dovecot missing after install"
}

setup_identity() {
    if [ "$(id -u)" = 0 ]; then
        id -u "$MAIL_USER" >/dev/null 2>&1 ||
            useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$MAIL_USER"
        MUID="$(id -u "$MAIL_USER")"; MGID="$(id -g "$MAIL_USER")"
        INTERNAL_USER=dovecot; INTERNAL_GROUP=dovecot; LOGIN_USER=dovenull; CHROOT=login
    else
        MAIL_USER="$(id -un)"; MUID="$(id -u)"; MGID="$(id -g)"
        INTERNAL_USER="$MAIL_USER"; INTERNAL_GROUP="$(id -gn)"; LOGIN_USER="$MAIL_USER"; CHROOT=""
    fi
}

write_files() {
    mkdir -p "$DIR/run" "$DIR/state" "$DIR/mail" "$DIR/ssl"
    chmod 755 "$DIR" "$DIR/run"
    [ "$(id -u)" = 0 ] && chown "$MUID:$MGID" "$DIR/mail"
    if [ ! -s "$DIR/ssl/cert.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:$LISTEN" \
            -keyout "$DIR/ssl/key.pem" -out "$DIR/ssl/cert.pem" 2>/dev/null
        chmod 600 "$DIR/ssl/key.pem"
    fi
    local i
    for ((i = 1; i <= USERS; i++)); do echo "user$i:{PLAIN}$PASS::::::"; done >"$DIR/users.passwd"
    chmod 644 "$DIR/users.passwd"
    cat >"$CONF" <<CONF
# Written by Scripts/dovecot.sh on every start: a private benchmark instance.
instance_name = imapbench-$IMAP_PORT
base_dir = $DIR/run
state_dir = $DIR/state
protocols = imap
listen = $LISTEN
shutdown_clients = yes
log_path = $DIR/dovecot.log
default_internal_user = $INTERNAL_USER
default_internal_group = $INTERNAL_GROUP
default_login_user = $LOGIN_USER
ssl = yes
ssl_cert = <$DIR/ssl/cert.pem
ssl_key = <$DIR/ssl/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8 ::1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users.passwd
}
userdb {
  driver = static
  args = uid=$MUID gid=$MGID home=$DIR/mail/%u allow_all_users=yes
}
first_valid_uid = $MUID
last_valid_uid = 0
first_valid_gid = $MGID
mail_location = maildir:~/Maildir
mail_fsync = never
namespace inbox {
  inbox = yes
  separator = /
}
default_process_limit = 1000
default_client_limit = 10000
default_vsz_limit = 1G
protocol imap {
  mail_max_userip_connections = 10000
}
service imap-login {
  chroot = $CHROOT
  inet_listener imap {
    address = $LISTEN
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = $LISTEN
    port = $IMAPS_PORT
    ssl = yes
  }
  service_count = 0
  process_min_avail = 2
  process_limit = 64
  client_limit = 5000
}
service imap {
  process_limit = 5000
  service_count = $IMAP_SERVICE_COUNT
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
    if [ -z "$CHROOT" ]; then
        printf 'service %s {\n  chroot =\n}\n' anvil ipc old-stats imap-urlauth-login >>"$CONF"
    fi
}

master_pid() {
    [ -s "$PIDFILE" ] || return 1
    local pid; pid="$(cat "$PIDFILE")"
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-c $CONF" || return 1
    echo "$pid"
}

greeting() {
    timeout 5 bash -c 'exec 3<>/dev/tcp/'"$LISTEN"'/'"$1"'; IFS= read -r -t 4 line <&3 && printf "%s\n" "$line"' 2>/dev/null
}

populate() {  # populate MSGS: write MSGS messages into every user's INBOX maildir, then index
    local msgs="$1"
    python3 - "$DIR/mail" "$USERS" "$msgs" "$MUID" "$MGID" <<'PY'
import os, random, shutil, sys, time, base64
root, users, msgs, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(42)
words = "the of and a to in is you that it he was for on are as with his they at be this have from".split()
def text(n):
    out, size = [], 0
    while size < n:
        line = " ".join(rng.choice(words) for _ in range(12)); out.append(line); size += len(line) + 2
    return "\r\n".join(out)
def message(i):
    size = min(int(rng.lognormvariate(9.5, 1.2)), 2_000_000)
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_700_000_000 + i * 3600))
    head = (f"From: Sender {i % 17} <sender{i % 17}@example.org>\r\nTo: rcpt@example.com\r\n"
            f"Subject: Message {i} about {rng.choice(words)}\r\nDate: {date}\r\n"
            f"Message-ID: <{i}.{rng.getrandbits(48)}@imapbench.example>\r\nMIME-Version: 1.0\r\n")
    if i % 3:
        return head + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text(size) + "\r\n"
    att = base64.encodebytes(os.urandom(size // 2)).decode().replace("\n", "\r\n")
    return (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
            "Content-Type: text/plain\r\n\r\n" + text(400) + "\r\n--b1\r\n"
            'Content-Type: application/octet-stream; name="a.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + att + "\r\n--b1--\r\n")
bodies = [message(i).encode() for i in range(msgs)]
for u in range(1, users + 1):
    home = os.path.join(root, f"user{u}")
    shutil.rmtree(home, ignore_errors=True)
    md = os.path.join(home, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    for i, body in enumerate(bodies):
        flags = "S" if i % 2 else ""
        with open(os.path.join(md, "cur", f"{1_700_000_000 + i}.M{i}P{u}.imapbench,S={len(body)}:2,{flags}"), "wb") as f:
            f.write(body)
    for dirpath, dirs, files in os.walk(home):
        for name in dirs + files:
            os.chown(os.path.join(dirpath, name), uid, gid)
    os.chown(home, uid, gid)
PY
    local u
    for ((u = 1; u <= USERS; u++)); do doveadm -c "$CONF" index -u "user$u" INBOX 2>/dev/null || true; done
    log "populated user1..user$USERS with $msgs messages each"
}

do_start() {
    install_dovecot
    setup_identity
    write_files
    if master_pid >/dev/null; then
        log "already running (master pid $(master_pid))"
    else
        if ss -Hltn "( sport = :$IMAP_PORT or sport = :$IMAPS_PORT )" 2>/dev/null | grep -q .; then
            die "port $IMAP_PORT or $IMAPS_PORT is already in use by another process"
        fi
        ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
        dovecot -c "$CONF" </dev/null >"$DIR/startup.log" 2>&1 || { cat "$DIR/startup.log" >&2; die "dovecot failed to start"; }
    fi
    local i g
    for ((i = 0; i < 150; i++)); do
        g="$(greeting "$IMAP_PORT" || true)"
        case "$g" in "* OK"*) break ;; esac
        master_pid >/dev/null || { tail -20 "$DIR/dovecot.log" >&2 || true; die "dovecot exited during start-up"; }
        sleep 0.2
    done
    case "$g" in "* OK"*) ;; *) die "no greeting on $LISTEN:$IMAP_PORT after 30 s" ;; esac
    [ -d "$DIR/mail/user1/Maildir/cur" ] || populate "${1:-50}"
    log "ready: IMAP $LISTEN:$IMAP_PORT (STARTTLS), IMAPS $LISTEN:$IMAPS_PORT, user1..user$USERS / $PASS, CA $DIR/ssl/cert.pem"
}

do_stop() {
    local pid i
    pid="$(master_pid)" || { log "not running"; return 0; }
    kill -TERM "$pid"
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "master $pid did not exit"
    log "stopped"
}

do_cpu() {
    local pid; pid="$(master_pid)" || die "not running"
    local kids; kids="$(ps -o pid= --ppid "$pid" | tr -d ' ')"
    awk -v tck="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15 } END { printf "%.2f\n", t / tck }' \
        "/proc/$pid/stat" $(for k in $kids; do [ -r "/proc/$k/stat" ] && echo "/proc/$k/stat"; done)
}

case "${1:-}" in
    start) shift; do_start "$@" ;;
    stop) do_stop ;;
    status) if pid="$(master_pid)"; then echo "running (pid $pid) on $LISTEN:$IMAP_PORT and :$IMAPS_PORT"; else echo "not running"; exit 1; fi ;;
    populate) shift; setup_identity; master_pid >/dev/null || die "not running: Scripts/dovecot.sh start"; populate "${1:-50}" ;;
    cpu) do_cpu ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
