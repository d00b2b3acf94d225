/*
 * floor_client - the cheapest IMAP load generator we know how to write.
 *
 * What it is
 *   A minimal C client that opens CONNECTIONS connections, logs each one in, SELECTs a
 *   mailbox and then, for SECONDS, keeps DEPTH tagged commands in flight on every
 *   connection, sending the next command each time a tagged completion arrives. It prints
 *   the number of completed commands and the CPU time (user + system) this process spent
 *   on them.
 *
 * Why it exists
 *   imapbench's own CPU cost per command only means something beside a lower bound. This
 *   client does the least work any IMAP generator must do - format commands, write them,
 *   read the responses and find the tagged completion lines (skipping literals so their
 *   bytes are never taken for lines) - and nothing more: no response parsing, no latency
 *   measurement, no allocation per command, one read() per readiness event and at most one
 *   write() per connection per event. Its microseconds of CPU per command are the floor
 *   (mostly kernel socket cost) for a generator on this machine, with this server and this
 *   command mix; what imapbench spends above it is the price of its parsing and measuring.
 *
 * Build (Linux, needs epoll):
 *   cc -O2 -Wall -Wextra -pthread -o floor_client floor_client.c
 *
 * Usage:
 *   floor_client [-h HOST] [-p PORT] [-c CONNECTIONS] [-d DEPTH] [-t THREADS] [-s SECONDS]
 *                [-u USERFMT] [-n USERS] [-P PASSWORD] [-r N] [-m MAILBOX] [COMMAND ...]
 *     -h HOST         server address (default 127.0.0.1)
 *     -p PORT         server port (default 143)
 *     -c CONNECTIONS  connections (default 32)
 *     -d DEPTH        tagged commands in flight per connection (default 16)
 *     -t THREADS      threads, each with its own epoll loop; connection i belongs to
 *                     thread i % THREADS (default 2)
 *     -s SECONDS      length of the counted phase (default 10; fractions allowed)
 *     -u USERFMT      user name pattern, "%d" is replaced by the user number (default user%d)
 *     -n USERS        connection i logs in as user (i % USERS) + 1 (default 100)
 *     -P PASSWORD     password (default pass)
 *     -r N            after N commands: LOGOUT, close, reconnect, LOGIN and SELECT again
 *                     (0 = never, the default); these session commands are not counted
 *     -m MAILBOX      mailbox to SELECT (default INBOX)
 *     COMMAND ...     the command mix, raw IMAP text without the tag, used round-robin per
 *                     connection (default: NOOP), e.g. NOOP 'FETCH 1 (UID FLAGS)'
 *
 *   Greeting, LOGIN and SELECT happen before the clock starts. Output is one line on stdout:
 *     commands=N seconds=S rate=R cpu_user_s=U cpu_sys_s=Y us_per_command=C no=N bad=N
 *     errors=N reconnects=N
 *   where commands counts every tagged completion of a mix command (OK, NO and BAD; NO and
 *   BAD are also counted on their own), the CPU figures come from getrusage(RUSAGE_SELF)
 *   snapshots at the start and end of the counted phase, errors counts connections lost to
 *   a BYE, a close or a failure (setup included; details go to stderr), and reconnects
 *   counts new connections made during the counted phase. Exit status: 0, or 1 if no
 *   command completed, or 2 for bad options.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h> /* NAN only; no libm needed */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IN_BUF_INITIAL (64 * 1024) /* one read() takes a whole burst of pipelined replies */
#define OUT_BUF_INITIAL 4096
#define MAX_EVENTS 64
#define POLL_TIMEOUT_MS 100        /* how late an idle thread notices the end of the run */
#define SETUP_TIMEOUT_S 30.0       /* connections not logged in by then count as errors */
#define MAX_ERROR_MESSAGES 20      /* stderr lines about lost connections, then silence */

#define USAGE "usage: floor_client [-h HOST] [-p PORT] [-c CONNECTIONS] [-d DEPTH] " \
              "[-t THREADS] [-s SECONDS] [-u USERFMT] [-n USERS] [-P PASSWORD] [-r N] " \
              "[-m MAILBOX] [COMMAND ...]"

/* ---- configuration ------------------------------------------------------------------ */

struct buf {
    char *p;
    size_t len, cap;
};

static struct config {
    const char *host, *port, *userfmt, *password, *mailbox;
    long connections, depth, threads, users, reconnect_after;
    double seconds;
    struct buf *mix; /* " COMMAND\r\n", ready to follow a tag */
    int mix_len;
    struct buf select_cmd;
    struct sockaddr_storage addr;
    socklen_t addrlen;
} cfg = {
    .host = "127.0.0.1", .port = "143", .userfmt = "user%d", .password = "pass",
    .mailbox = "INBOX", .connections = 32, .depth = 16, .threads = 2, .users = 100,
    .reconnect_after = 0, .seconds = 10.0,
};

/* ---- shared run state ------------------------------------------------------------------ */

enum phase { PHASE_SETUP, PHASE_RUN, PHASE_STOP };
static atomic_int g_phase = PHASE_SETUP;
static atomic_long g_live;            /* connections not given up on; 0 ends the run early */
static atomic_int g_error_messages;
static pthread_barrier_t g_setup_done; /* all threads finished setup: main takes snapshots */
static pthread_barrier_t g_go;         /* snapshots taken: threads start pipelining */

/* ---- connections ----------------------------------------------------------------------- */

enum state { ST_CONNECTING, ST_GREETING, ST_LOGIN, ST_SELECT, ST_READY, ST_RUNNING,
             ST_LOGOUT, ST_DEAD };
enum fate { FATE_NONE, FATE_ERROR, FATE_LOGGED_OUT };
enum status { STATUS_OK, STATUS_NO, STATUS_BAD, STATUS_OTHER };

struct worker;

struct conn {
    struct worker *w;
    int id, fd;
    enum state state;
    bool settled;      /* setup finished, one way or the other */
    struct buf in;     /* unprocessed input: at most one partial line */
    struct buf out;    /* commands collected during one event, written with one write() */
    size_t out_off;    /* bytes of out already written (only after a short write) */
    bool want_out;     /* EPOLLOUT registered because of a short write */
    uint64_t skip;     /* literal bytes still to skip */
    bool continuation; /* next line continues a response whose literal was just skipped */
    long in_flight, sent_this_session;
    uint32_t next_tag;
    int next_cmd;
    struct buf login_cmd;
    enum fate fate;
    char why[200];
};

struct worker {
    pthread_t thread;
    int ep;
    struct conn *conns;
    long nconns, unsettled;
    bool running; /* counted phase started: SELECT OK leads straight into pipelining */
    uint64_t commands, no, bad, errors, reconnects;
};

/* ---- small helpers --------------------------------------------------------------------- */

__attribute__((format(printf, 1, 2)))
static _Noreturn void usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("floor_client: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("; " USAGE "\n", stderr);
    exit(2);
}

static _Noreturn void fatal(const char *what)
{
    fprintf(stderr, "floor_client: %s: %s\n", what, strerror(errno));
    exit(1);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra)
        cap *= 2;
    b->p = realloc(b->p, cap);
    if (!b->p)
        fatal("realloc");
    b->cap = cap;
}

static void buf_append(struct buf *b, const void *data, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

static void buf_puts(struct buf *b, const char *s) { buf_append(b, s, strlen(s)); }

/* IMAP quoted string, so user names, passwords and mailboxes with spaces still work. */
static void buf_quoted(struct buf *b, const char *s)
{
    buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_puts(b, "\\");
        buf_append(b, s, 1);
    }
    buf_puts(b, "\"");
}

/* Does s (n bytes) start with the word w (upper case), followed by a space or the end?
 * IMAP keywords are case-insensitive; clearing bit 0x20 folds ASCII letters to upper case. */
static bool word_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[i] & ~0x20) != w[i])
            return false;
    return n == k || s[k] == ' ';
}

/* ---- option parsing -------------------------------------------------------------------- */

static long parse_long(char opt, const char *s, long min, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        usage_error("invalid -%c value \"%s\" (want %ld..%ld)", opt, s, min, max);
    return v;
}

/* USERFMT must contain exactly one %d; any other % must be %%. Checked once here so that
 * render_user() never meets a surprise, and no user text is ever used as a printf format. */
static void check_userfmt(const char *fmt)
{
    int d = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == 'd')
            d++;
        else if (p[1] != '%')
            usage_error("-u pattern \"%s\" may only contain %%d and %%%%", fmt);
        p++;
    }
    if (d != 1)
        usage_error("-u pattern \"%s\" needs exactly one %%d", fmt);
}

static void render_user(struct buf *b, long number)
{
    for (const char *p = cfg.userfmt; *p; p++) {
        if (p[0] == '%' && p[1] == 'd') {
            char digits[24];
            int n = snprintf(digits, sizeof digits, "%ld", number);
            buf_append(b, digits, (size_t)n);
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            buf_puts(b, "%");
            p++;
        } else {
            buf_append(b, p, 1);
        }
    }
    buf_append(b, "", 1); /* NUL-terminate for buf_quoted */
}

static void add_mix_command(struct buf *cmd, const char *text)
{
    if (!*text || strpbrk(text, "\r\n"))
        usage_error("command \"%s\" must be non-empty and on one line", text);
    memset(cmd, 0, sizeof *cmd);
    buf_puts(cmd, " ");
    buf_puts(cmd, text);
    buf_puts(cmd, "\r\n");
}

static void parse_options(int argc, char **argv)
{
    int opt;
    opterr = 0; /* we print our own one-line error */
    while ((opt = getopt(argc, argv, ":h:p:c:d:t:s:u:n:P:r:m:")) != -1) {
        switch (opt) {
        case 'h': cfg.host = optarg; break;
        case 'p': parse_long('p', optarg, 1, 65535); cfg.port = optarg; break;
        case 'c': cfg.connections = parse_long('c', optarg, 1, 1000000); break;
        case 'd': cfg.depth = parse_long('d', optarg, 1, 100000); break;
        case 't': cfg.threads = parse_long('t', optarg, 1, 1024); break;
        case 'u': check_userfmt(optarg); cfg.userfmt = optarg; break;
        case 'n': cfg.users = parse_long('n', optarg, 1, 100000000); break;
        case 'P': cfg.password = optarg; break;
        case 'r': cfg.reconnect_after = parse_long('r', optarg, 0, 1000000000); break;
        case 'm': cfg.mailbox = optarg; break;
        case 's': {
            char *end;
            cfg.seconds = strtod(optarg, &end);
            if (end == optarg || *end || !(cfg.seconds > 0 && cfg.seconds < 1e7))
                usage_error("invalid -s value \"%s\" (want seconds > 0)", optarg);
            break;
        }
        case ':': usage_error("option -%c needs a value", optopt);
        default: usage_error("unknown option -%c", optopt);
        }
    }

    static char *default_mix[] = { "NOOP" };
    char **texts = optind < argc ? argv + optind : default_mix;
    cfg.mix_len = optind < argc ? argc - optind : 1;
    cfg.mix = calloc((size_t)cfg.mix_len, sizeof *cfg.mix);
    if (!cfg.mix)
        fatal("calloc");
    for (int i = 0; i < cfg.mix_len; i++)
        add_mix_command(&cfg.mix[i], texts[i]);

    buf_puts(&cfg.select_cmd, "b SELECT ");
    buf_quoted(&cfg.select_cmd, cfg.mailbox);
    buf_puts(&cfg.select_cmd, "\r\n");
}

static void resolve_server(void)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
    struct addrinfo *res;
    int rc = getaddrinfo(cfg.host, cfg.port, &hints, &res);
    if (rc) {
        fprintf(stderr, "floor_client: cannot resolve %s:%s: %s\n", cfg.host, cfg.port,
                gai_strerror(rc));
        exit(1);
    }
    memcpy(&cfg.addr, res->ai_addr, res->ai_addrlen);
    cfg.addrlen = res->ai_addrlen;
    freeaddrinfo(res);
}

/* ---- connection life cycle ------------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void set_fate(struct conn *c, enum fate fate, const char *fmt, ...)
{
    if (c->fate != FATE_NONE)
        return; /* keep the first reason */
    c->fate = fate;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, sizeof c->why, fmt, ap);
    va_end(ap);
}

static void set_interest(struct conn *c, uint32_t events, int op)
{
    struct epoll_event ev = { .events = events, .data.ptr = c };
    if (epoll_ctl(c->w->ep, op, c->fd, &ev) < 0)
        fatal("epoll_ctl");
}

static void settle(struct conn *c)
{
    if (!c->settled) {
        c->settled = true;
        c->w->unsettled--;
    }
}

/* Start a non-blocking connect; completion (or failure) shows up as EPOLLOUT. An immediate
 * failure sets the fate, and the caller ends the connection. */
static void conn_start(struct conn *c)
{
    c->fd = socket(cfg.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0)
        fatal("socket");
    int one = 1; /* commands are tiny and latency-bound: never let Nagle hold them back */
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->state = ST_CONNECTING;
    if (connect(c->fd, (struct sockaddr *)&cfg.addr, cfg.addrlen) == 0) {
        c->state = ST_GREETING;
        set_interest(c, EPOLLIN, EPOLL_CTL_ADD);
    } else if (errno == EINPROGRESS) {
        set_interest(c, EPOLLOUT, EPOLL_CTL_ADD);
    } else {
        set_fate(c, FATE_ERROR, "connect: %s", strerror(errno));
    }
}

static void finish_connect(struct conn *c)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    if (err) {
        set_fate(c, FATE_ERROR, "connect: %s", strerror(err));
        return;
    }
    c->state = ST_GREETING;
    set_interest(c, EPOLLIN, EPOLL_CTL_MOD);
}

static void report_error(const struct conn *c)
{
    int n = atomic_fetch_add(&g_error_messages, 1);
    if (n < MAX_ERROR_MESSAGES)
        fprintf(stderr, "floor_client: connection %d: %s\n", c->id, c->why);
    else if (n == MAX_ERROR_MESSAGES)
        fprintf(stderr, "floor_client: further connection errors not shown\n");
}

/* A connection ended (LOGOUT done, or an error). During the counted phase it reconnects
 * after a LOGOUT, and with -r also after losing an established session; setup failures
 * (connect, greeting, LOGIN, SELECT) are never retried, so a refusing server cannot make
 * us spin. Otherwise the connection is given up. */
static void conn_end(struct conn *c)
{
    struct worker *w = c->w;
    bool established = c->state == ST_RUNNING || c->state == ST_LOGOUT;
    bool again = w->running && (c->fate == FATE_LOGGED_OUT ||
                                (cfg.reconnect_after > 0 && established));
    if (c->fate == FATE_ERROR) {
        w->errors++;
        report_error(c);
    }
    close(c->fd); /* also removes it from epoll */
    c->fd = -1;
    c->in.len = c->out.len = c->out_off = 0;
    c->skip = 0;
    c->continuation = c->want_out = false;
    c->in_flight = c->sent_this_session = 0;
    c->fate = FATE_NONE;
    if (again) {
        w->reconnects++;
        conn_start(c);
        if (c->fate != FATE_NONE)
            conn_end(c); /* not established, so this gives up rather than recursing again */
        return;
    }
    c->state = ST_DEAD;
    settle(c);
    atomic_fetch_sub(&g_live, 1);
}

/* ---- sending --------------------------------------------------------------------------- */

/* Append "x<n> COMMAND\r\n": the tag is a per-connection counter, unique among the commands
 * in flight, which is all a tag must be. */
static void append_command(struct conn *c)
{
    const struct buf *cmd = &cfg.mix[c->next_cmd];
    if (++c->next_cmd == cfg.mix_len)
        c->next_cmd = 0;
    buf_reserve(&c->out, 12 + cmd->len);
    char digits[10], *d = digits + sizeof digits;
    uint32_t t = c->next_tag++;
    do
        *--d = (char)('0' + t % 10);
    while ((t /= 10) != 0);
    char *p = c->out.p + c->out.len;
    *p++ = 'x';
    size_t nd = (size_t)(digits + sizeof digits - d);
    memcpy(p, d, nd);
    memcpy(p + nd, cmd->p, cmd->len);
    c->out.len += 1 + nd + cmd->len;
    c->in_flight++;
    c->sent_this_session++;
}

/* Top the pipeline up to DEPTH; with -r, stop at N commands and LOGOUT once all are done. */
static void fill_pipeline(struct conn *c)
{
    long limit = cfg.reconnect_after;
    while (c->in_flight < cfg.depth && (limit == 0 || c->sent_this_session < limit))
        append_command(c);
    if (limit && c->sent_this_session >= limit && c->in_flight == 0) {
        buf_puts(&c->out, "z LOGOUT\r\n");
        c->state = ST_LOGOUT;
    }
}

static void start_running(struct conn *c)
{
    c->state = ST_RUNNING;
    fill_pipeline(c);
}

/* One write() of everything collected; a short write waits for EPOLLOUT. */
static void flush_output(struct conn *c)
{
    if (c->out_off == c->out.len)
        return;
    ssize_t n = write(c->fd, c->out.p + c->out_off, c->out.len - c->out_off);
    if (n < 0) {
        if (errno != EAGAIN && errno != EINTR) {
            set_fate(c, FATE_ERROR, "write: %s", strerror(errno));
            return;
        }
        n = 0;
    }
    c->out_off += (size_t)n;
    if (c->out_off == c->out.len) {
        c->out_off = c->out.len = 0;
        if (c->want_out) {
            c->want_out = false;
            set_interest(c, EPOLLIN, EPOLL_CTL_MOD);
        }
    } else if (!c->want_out) {
        c->want_out = true;
        set_interest(c, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
    }
}

/* ---- receiving ------------------------------------------------------------------------- */

/* If the line ends in {N} or {N+} (also ~{N} for binary), N literal bytes follow it. */
static bool literal_length(const char *line, size_t len, uint64_t *n)
{
    if (len < 3 || line[len - 1] != '}')
        return false;
    size_t i = len - 1;
    if (line[i - 1] == '+')
        i--;
    uint64_t v = 0, scale = 1;
    size_t digits = 0;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9') {
        if (++digits > 18)
            return false; /* absurd size: treat the line as text */
        v += (uint64_t)(line[i - 1] - '0') * scale;
        scale *= 10;
        i--;
    }
    if (digits == 0 || i == 0 || line[i - 1] != '{')
        return false;
    *n = v;
    return true;
}

static enum status completion_status(const char *line, size_t len)
{
    const char *sp = memchr(line, ' ', len);
    if (!sp)
        return STATUS_OTHER;
    const char *s = sp + 1;
    size_t n = len - (size_t)(s - line);
    if (word_is(s, n, "OK"))
        return STATUS_OK;
    if (word_is(s, n, "NO"))
        return STATUS_NO;
    if (word_is(s, n, "BAD"))
        return STATUS_BAD;
    return STATUS_OTHER;
}

/* The greeting and BYE are the only untagged responses we look at. */
static void on_untagged(struct conn *c, const char *line, size_t len)
{
    const char *s = line + 2;
    size_t n = len - 2;
    int shown = (int)(len < 120 ? len : 120);
    if (c->state == ST_GREETING) {
        if (word_is(s, n, "OK")) {
            buf_append(&c->out, c->login_cmd.p, c->login_cmd.len);
            c->state = ST_LOGIN;
        } else if (word_is(s, n, "PREAUTH")) {
            buf_append(&c->out, cfg.select_cmd.p, cfg.select_cmd.len);
            c->state = ST_SELECT;
        } else {
            set_fate(c, FATE_ERROR, "greeting: %.*s", shown, line);
        }
    } else if (c->state != ST_LOGOUT && word_is(s, n, "BYE")) {
        set_fate(c, FATE_ERROR, "server said: %.*s", shown, line);
    }
}

static void on_tagged(struct conn *c, const char *line, size_t len)
{
    enum status st = completion_status(line, len);
    int shown = (int)(len < 120 ? len : 120);
    switch (c->state) {
    case ST_RUNNING:
        if (line[0] != 'x' || st == STATUS_OTHER)
            return; /* not one of our completions; nothing to count */
        c->in_flight--;
        c->w->commands++;
        c->w->no += st == STATUS_NO;
        c->w->bad += st == STATUS_BAD;
        fill_pipeline(c);
        return;
    case ST_LOGIN:
        if (st != STATUS_OK) {
            set_fate(c, FATE_ERROR, "LOGIN failed: %.*s", shown, line);
            return;
        }
        buf_append(&c->out, cfg.select_cmd.p, cfg.select_cmd.len);
        c->state = ST_SELECT;
        return;
    case ST_SELECT:
        if (st != STATUS_OK) {
            set_fate(c, FATE_ERROR, "SELECT failed: %.*s", shown, line);
        } else if (c->w->running) {
            start_running(c);
        } else {
            c->state = ST_READY; /* wait for the clock to start */
            settle(c);
        }
        return;
    case ST_LOGOUT:
        if (line[0] == 'z')
            c->fate = FATE_LOGGED_OUT;
        return;
    case ST_GREETING:
        set_fate(c, FATE_ERROR, "tagged line before greeting: %.*s", shown, line);
        return;
    default:
        return;
    }
}

/* Split the input into lines, skipping literals. Only the first line of a response says
 * whether it is tagged; a line following a literal is the rest of the same response. */
static void process_input(struct conn *c)
{
    char *buf = c->in.p;
    size_t pos = 0, end = c->in.len;
    while (pos < end && c->fate == FATE_NONE) {
        if (c->skip) {
            size_t n = end - pos < c->skip ? end - pos : (size_t)c->skip;
            pos += n;
            c->skip -= n;
            continue;
        }
        char *line = buf + pos;
        char *nl = memchr(line, '\n', end - pos);
        if (!nl)
            break; /* partial line: keep it for the next read */
        pos = (size_t)(nl - buf) + 1;
        size_t len = (size_t)(nl - line);
        if (len && line[len - 1] == '\r')
            len--;

        bool first = !c->continuation;
        if (first && len > 0 && line[0] != '*' && line[0] != '+') {
            on_tagged(c, line, len); /* tagged lines carry no literals */
            continue;
        }
        if (first && len >= 2 && line[0] == '*' && line[1] == ' ')
            on_untagged(c, line, len);
        c->continuation = literal_length(line, len, &c->skip);
    }
    memmove(buf, buf + pos, end - pos);
    c->in.len = end - pos;
}

/* One read() per readiness event: level-triggered epoll reports the rest next time, which
 * costs no more than the extra read() until EAGAIN that edge-triggered mode would need. */
static void read_input(struct conn *c)
{
    if (c->in.len > c->in.cap / 2) /* a long partial line: make room for more */
        buf_reserve(&c->in, c->in.cap);
    ssize_t n = read(c->fd, c->in.p + c->in.len, c->in.cap - c->in.len);
    if (n < 0) {
        if (errno != EAGAIN && errno != EINTR)
            set_fate(c, FATE_ERROR, "read: %s", strerror(errno));
        return;
    }
    if (n == 0) {
        if (c->state == ST_LOGOUT)
            set_fate(c, FATE_LOGGED_OUT, "closed after LOGOUT");
        else
            set_fate(c, FATE_ERROR, "connection closed by server");
        return;
    }
    c->in.len += (size_t)n;
    process_input(c);
}

static void handle_event(struct conn *c, uint32_t events)
{
    if (c->state == ST_CONNECTING) {
        finish_connect(c);
    } else if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        read_input(c);
    }
    if (c->fate == FATE_NONE)
        flush_output(c);
    if (c->fate != FATE_NONE)
        conn_end(c);
}

/* ---- threads --------------------------------------------------------------------------- */

static void worker_poll(struct worker *w)
{
    struct epoll_event events[MAX_EVENTS];
    int n = epoll_wait(w->ep, events, MAX_EVENTS, POLL_TIMEOUT_MS);
    if (n < 0 && errno != EINTR)
        fatal("epoll_wait");
    for (int i = 0; i < n; i++)
        handle_event(events[i].data.ptr, events[i].events);
}

/* Connect and log in every connection of this thread, one command at a time. */
static void worker_setup(struct worker *w)
{
    double deadline = now_seconds() + SETUP_TIMEOUT_S;
    for (long i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        conn_start(c);
        if (c->fate != FATE_NONE)
            conn_end(c);
    }
    while (w->unsettled > 0 && now_seconds() < deadline)
        worker_poll(w);
    for (long i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (!c->settled) {
            set_fate(c, FATE_ERROR, "no login within %.0f s", SETUP_TIMEOUT_S);
            conn_end(c);
        }
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    worker_setup(w);
    pthread_barrier_wait(&g_setup_done);
    pthread_barrier_wait(&g_go);

    w->running = true;
    for (long i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (c->state != ST_READY)
            continue;
        start_running(c);
        flush_output(c);
        if (c->fate != FATE_NONE)
            conn_end(c);
    }
    while (atomic_load_explicit(&g_phase, memory_order_relaxed) == PHASE_RUN)
        worker_poll(w);

    for (long i = 0; i < w->nconns; i++)
        if (w->conns[i].fd >= 0)
            close(w->conns[i].fd);
    return NULL;
}

static void init_workers(struct worker *workers)
{
    for (long t = 0; t < cfg.threads; t++) {
        struct worker *w = &workers[t];
        w->ep = epoll_create1(EPOLL_CLOEXEC);
        if (w->ep < 0)
            fatal("epoll_create1");
        w->nconns = cfg.connections / cfg.threads + (t < cfg.connections % cfg.threads);
        w->unsettled = w->nconns;
        w->conns = calloc((size_t)(w->nconns ? w->nconns : 1), sizeof *w->conns);
        if (!w->conns)
            fatal("calloc");
    }
    /* Connection i belongs to thread i % THREADS and logs in as user (i % USERS) + 1. */
    for (long i = 0; i < cfg.connections; i++) {
        struct worker *w = &workers[i % cfg.threads];
        struct conn *c = &w->conns[i / cfg.threads];
        struct buf user = { 0 };
        c->w = w;
        c->id = (int)i;
        c->fd = -1;
        c->next_cmd = (int)(i % cfg.mix_len); /* spread the mix across connections */
        buf_reserve(&c->in, IN_BUF_INITIAL);
        buf_reserve(&c->out, OUT_BUF_INITIAL);
        render_user(&user, i % cfg.users + 1);
        buf_puts(&c->login_cmd, "a LOGIN ");
        buf_quoted(&c->login_cmd, user.p);
        buf_puts(&c->login_cmd, " ");
        buf_quoted(&c->login_cmd, cfg.password);
        buf_puts(&c->login_cmd, "\r\n");
        free(user.p);
    }
}

/* ---- main ------------------------------------------------------------------------------ */

static double tv_seconds(struct timeval tv) { return (double)tv.tv_sec + tv.tv_usec / 1e6; }

/* Sleep through the counted phase, ending early if every connection has been lost. */
static void wait_for_end(double start)
{
    double end = start + cfg.seconds;
    for (double now = now_seconds(); now < end && atomic_load(&g_live) > 0; now = now_seconds()) {
        double left = end - now < 0.1 ? end - now : 0.1;
        struct timespec ts = { (time_t)left, (long)((left - (double)(time_t)left) * 1e9) };
        nanosleep(&ts, NULL);
    }
}

int main(int argc, char **argv)
{
    parse_options(argc, argv);
    resolve_server();
    signal(SIGPIPE, SIG_IGN); /* a closed socket shows up as EPIPE from write() instead */

    struct worker *workers = calloc((size_t)cfg.threads, sizeof *workers);
    if (!workers)
        fatal("calloc");
    init_workers(workers);
    atomic_store(&g_live, cfg.connections);
    pthread_barrier_init(&g_setup_done, NULL, (unsigned)cfg.threads + 1);
    pthread_barrier_init(&g_go, NULL, (unsigned)cfg.threads + 1);
    for (long t = 0; t < cfg.threads; t++) {
        errno = pthread_create(&workers[t].thread, NULL, worker_main, &workers[t]);
        if (errno)
            fatal("pthread_create");
    }

    /* Setup is done in every thread and they are all parked: start the clock. */
    pthread_barrier_wait(&g_setup_done);
    struct rusage ru0, ru1;
    getrusage(RUSAGE_SELF, &ru0);
    double t0 = now_seconds();
    atomic_store(&g_phase, PHASE_RUN);
    pthread_barrier_wait(&g_go);

    wait_for_end(t0);

    getrusage(RUSAGE_SELF, &ru1);
    double t1 = now_seconds();
    atomic_store(&g_phase, PHASE_STOP);

    uint64_t commands = 0, no = 0, bad = 0, errors = 0, reconnects = 0;
    for (long t = 0; t < cfg.threads; t++) {
        pthread_join(workers[t].thread, NULL);
        commands += workers[t].commands;
        no += workers[t].no;
        bad += workers[t].bad;
        errors += workers[t].errors;
        reconnects += workers[t].reconnects;
    }

    double wall = t1 - t0;
    double user = tv_seconds(ru1.ru_utime) - tv_seconds(ru0.ru_utime);
    double sys = tv_seconds(ru1.ru_stime) - tv_seconds(ru0.ru_stime);
    double per = commands ? (user + sys) / (double)commands * 1e6 : NAN;
    printf("commands=%llu seconds=%.3f rate=%.0f cpu_user_s=%.3f cpu_sys_s=%.3f "
           "us_per_command=%.3f no=%llu bad=%llu errors=%llu reconnects=%llu\n",
           (unsigned long long)commands, wall, (double)commands / wall, user, sys, per,
           (unsigned long long)no, (unsigned long long)bad, (unsigned long long)errors,
           (unsigned long long)reconnects);
    return commands ? 0 : 1;
}
