#!/usr/bin/python3
"""A small SMTP server for aarshjul's reminder tests, on loopback only.

Built on aiosmtpd.  It listens on 127.0.0.1 (port 0: a free one), prints
"PORT n" as its first line on standard output, and stores every message it
accepts byte for byte (after SMTP's dot-unstuffing) as DIR/NNNN.eml.  Each
session, command ("> ...") and reply ("< ...") is logged to LOG
(DIR/../smtp.log by default), a line each, after the time and the session's
number, S1, S2, ... (S0: the server itself); AUTH's data is never logged.
An accepted message is logged with its envelope:

    12:00:00 S1 STORED {"file": "0001.eml", "mail_from": "...", "rcpt_to": [...]}

Faults, given by --fault KIND[:N] (N: the first N matching events, 1 by
default; the option may be repeated):

    rcpt451, rcpt550   that reply to RCPT TO
    mail550            that refuses the sender at MAIL FROM
  Postfix's own words (3.7), each refusing the sender's side, not the
  recipient (smtpd_delay_reject = yes moves them from MAIL FROM to RCPT):
    rcpt-sender553     553 5.7.1 <FROM>: Sender address rejected: not owned
                       by user USER (reject_sender_login_mismatch), at RCPT
    mail-sender553     the same at MAIL FROM (smtpd_delay_reject = no)
    rcpt-relay554      554 5.7.1 <TO>: Relay access denied, at RCPT
    rcpt-client554     554 5.7.1 <localhost[127.0.0.1]>: Client host
                       rejected: Access denied, at RCPT
  Exchange's words for the same refusal to relay:
    rcpt-relay550x     550 5.7.54 SMTP; Unable to relay recipient in
                       non-accepted domain, at RCPT
    data451, data554   that reply after the message data (nothing stored)
    drop-after-data    store the message, then close the connection without
                       replying to the data's final dot
    drop-mid           close the connection on MAIL FROM, without a reply
    stall              never reply to the data's final dot (nothing stored)
    stall-rcpt         never reply to RCPT TO
                       A stall lasts --stall-seconds, then the server closes
                       the connection.  Meanwhile it reads on: what the
                       client sends is logged ("> QUIT", "> ... during the
                       stall"), and "closed by the client during the stall"
                       when the client closes first.
    auth535            refuse AUTH with 535, whatever the password

--reject-non-fqdn-helo refuses every RCPT TO of a session whose EHLO name
has no dot, as Postfix's reject_non_fqdn_helo_hostname does by default:
    504 5.5.2 <NAME>: Helo command rejected: need fully-qualified hostname

--hold-first-until-second holds the first session's reply to MAIL FROM
until a second session has connected (at most --hold-seconds).
--kill-after-accept PIDFILE: after replying 250 to the first message's data,
send SIGKILL to the pid in PIDFILE (read then, waiting for it to be written).

It exits on SIGTERM and SIGINT and after --max-seconds.  Nothing here is
secure: the certificate's key is public, and it is for tests only.
"""
import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

KINDS = {
    "rcpt451": "RCPT", "rcpt550": "RCPT",
    "data451": "DATA", "data554": "DATA", "drop-after-data": "DATA",
    "stall": "DATA", "stall-rcpt": "RCPT",
    "rcpt-sender553": "RCPT", "rcpt-relay554": "RCPT", "rcpt-client554": "RCPT",
    "rcpt-relay550x": "RCPT",
    "drop-mid": "MAIL", "mail550": "MAIL", "mail-sender553": "MAIL",
    "auth535": "AUTH",
}


def parse_fault(text):
    kind, _, n = text.partition(":")
    if kind not in KINDS:
        raise argparse.ArgumentTypeError(
            "unknown fault %r (one of %s)" % (kind, ", ".join(sorted(KINDS))))
    try:
        n = int(n) if n else 1
    except ValueError:
        raise argparse.ArgumentTypeError("%r: N must be a number" % text)
    return [kind, n]


class Log:
    def __init__(self, path):
        self.f = open(path, "a", encoding="utf-8", buffering=1)

    def __call__(self, sid, text):
        self.f.write("%s S%d %s\n" % (time.strftime("%H:%M:%S"), sid, text))


class State:
    """What all sessions share."""

    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.faults = list(args.fault)
        self.sessions = 0
        self.stored = 0
        self.accepted = 0
        self.second = asyncio.Event()
        self.held = False

    def fault(self, event):
        """The fault that applies to this event, counting it down."""
        for f in self.faults:
            if KINDS[f[0]] == event and f[1] > 0:
                f[1] -= 1
                return f[0]
        return None

    def store(self, sid, envelope):
        self.stored += 1
        name = "%04d.eml" % self.stored
        d = self.args.maildir
        tmp = os.path.join(d, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(d, name))
        self.log(sid, "STORED " + json.dumps({
            "file": name, "mail_from": envelope.mail_from,
            "rcpt_to": list(envelope.rcpt_tos)}, ensure_ascii=False))
        return name


class Session(SMTP):
    """aiosmtpd's SMTP with session numbers and a log of the replies."""

    def __init__(self, state, *a, **kw):
        self.state = state
        self.sid = 0
        super().__init__(*a, **kw)

    def connection_made(self, transport):
        upgrade = self._original_transport is not None
        super().connection_made(transport)
        if upgrade:
            self.state.log(self.sid, "TLS up")
            return
        st = self.state
        st.sessions += 1
        self.sid = st.sessions
        self.session.sid = self.sid
        st.log(self.sid, "connect %s:%d" % transport.get_extra_info("peername")[:2])
        if st.sessions >= 2:
            st.second.set()

    def connection_lost(self, error):
        if getattr(self, "stalling", False):
            self.stalling = False
            self.state.log(self.sid, "closed by the client during the stall")
        self.state.log(self.sid, "closed")
        super().connection_lost(error)

    async def push(self, status):
        s = status if isinstance(status, str) else status.decode("utf-8", "replace")
        self.state.log(self.sid, "< " + s.replace("\r\n", " | "))
        await super().push(status)

    async def smtp_STARTTLS(self, arg):
        self.state.log(self.sid, "> STARTTLS")
        await super().smtp_STARTTLS(arg)

    async def smtp_AUTH(self, arg):
        self.state.log(self.sid, "> AUTH %s" % (arg or "").split(" ")[0])
        await super().smtp_AUTH(arg)

    async def smtp_QUIT(self, arg):
        self.state.log(self.sid, "> QUIT")
        await super().smtp_QUIT(arg)

    async def smtp_RSET(self, arg):
        self.state.log(self.sid, "> RSET")
        await super().smtp_RSET(arg)

    async def stall(self, seconds):
        """Replies nothing for SECONDS, reading on: logs what the client
        sends meanwhile, and whether it closes first; then closes."""
        st = self.state
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        self.stalling = True
        while self.stalling:
            left = end - loop.time()
            if left <= 0:
                break
            try:
                line = await asyncio.wait_for(self._reader.readline(), left)
            except asyncio.TimeoutError:
                break
            except Exception:
                line = b""
            if not line:
                if self.stalling:
                    self.stalling = False
                    st.log(self.sid, "closed by the client during the stall")
                self.drop("stall")
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if text.upper() == "QUIT":
                st.log(self.sid, "> QUIT")
            else:
                st.log(self.sid, "> %s (during the stall)" % text[:80])
        self.stalling = False
        self.drop("stall")

    def drop(self, why):
        """Closes the connection at once, without a reply."""
        self.state.log(self.sid, "FAULT %s: closing without a reply" % why)
        self.transport.abort()
        raise asyncio.CancelledError()


class Handler:
    def __init__(self, state):
        self.state = state

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.state.log(server.sid, "> EHLO %s" % hostname)
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        st = self.state
        st.log(server.sid, "> MAIL FROM:<%s> %s" % (address, " ".join(options)))
        f = st.fault("MAIL")
        if f == "drop-mid":
            server.drop("drop-mid")
        if f == "mail550":
            st.log(server.sid, "FAULT mail550")
            return "550 5.7.1 Sender address rejected (test fault)"
        if f == "mail-sender553":
            st.log(server.sid, "FAULT mail-sender553")
            return sender553(address)
        if st.args.hold_first_until_second and server.sid == 1 and not st.held:
            st.held = True
            st.log(server.sid, "HOLD the reply to MAIL FROM until a second session")
            try:
                await asyncio.wait_for(st.second.wait(), st.args.hold_seconds)
                st.log(server.sid, "HOLD released: session 2 has connected")
            except asyncio.TimeoutError:
                st.log(server.sid, "HOLD timed out: no second session")
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        st = self.state
        st.log(server.sid, "> RCPT TO:<%s> %s" % (address, " ".join(options)))
        f = st.fault("RCPT")
        if f == "rcpt451":
            st.log(server.sid, "FAULT rcpt451")
            return "451 4.3.0 Try again later (test fault)"
        if f == "rcpt550":
            st.log(server.sid, "FAULT rcpt550")
            return "550 5.1.1 No such user here (test fault)"
        if f == "rcpt-sender553":
            st.log(server.sid, "FAULT rcpt-sender553")
            return sender553(envelope.mail_from)
        if f == "rcpt-relay554":
            st.log(server.sid, "FAULT rcpt-relay554")
            return "554 5.7.1 <%s>: Relay access denied" % address
        if f == "rcpt-relay550x":
            st.log(server.sid, "FAULT rcpt-relay550x")
            return ("550 5.7.54 SMTP; Unable to relay recipient in "
                    "non-accepted domain")
        if f == "rcpt-client554":
            st.log(server.sid, "FAULT rcpt-client554")
            return ("554 5.7.1 <localhost[%s]>: Client host rejected: "
                    "Access denied" % session.peer[0])
        if f == "stall-rcpt":
            st.log(server.sid, "FAULT stall-rcpt: no reply for %g s" % st.args.stall_seconds)
            await server.stall(st.args.stall_seconds)
        if st.args.reject_non_fqdn_helo and "." not in (session.host_name or ""):
            st.log(server.sid, "REJECT non-FQDN HELO %s" % session.host_name)
            return ("504 5.5.2 <%s>: Helo command rejected: need "
                    "fully-qualified hostname" % session.host_name)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        st = self.state
        st.log(server.sid, "> DATA ended (%d bytes)" % len(envelope.original_content))
        f = st.fault("DATA")
        if f == "data451":
            st.log(server.sid, "FAULT data451")
            return "451 4.3.0 Local error in processing (test fault)"
        if f == "data554":
            st.log(server.sid, "FAULT data554")
            return "554 5.6.0 Message refused (test fault)"
        if f == "stall":
            st.log(server.sid, "FAULT stall: no reply for %g s" % st.args.stall_seconds)
            await server.stall(st.args.stall_seconds)
        name = st.store(server.sid, envelope)
        if f == "drop-after-data":
            server.drop("drop-after-data")
        st.accepted += 1
        if st.args.kill_after_accept and st.accepted == 1:
            await server.push("250 OK queued as %s" % name)
            pid = await read_pid(st.args.kill_after_accept)
            st.log(server.sid, "KILL %d" % pid)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                st.log(server.sid, "KILL: no process %d" % pid)
            server.drop("after the kill")
        return "250 OK queued as %s" % name


def sender553(address):
    """Postfix's reject_sender_login_mismatch, for the login aarshjul."""
    return ("553 5.7.1 <%s>: Sender address rejected: not owned by user "
            "aarshjul" % address)


async def read_pid(path):
    for _ in range(200):
        try:
            with open(path) as f:
                text = f.read().strip()
            if text:
                return int(text)
        except FileNotFoundError:
            pass
        await asyncio.sleep(0.025)
    raise RuntimeError("no pid in %s" % path)


def authenticator(state):
    user, _, password = (state.args.auth or ":").partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        if state.fault("AUTH") == "auth535":
            state.log(server.sid, "FAULT auth535")
            return AuthResult(success=False, handled=False)
        ok = (isinstance(auth_data, LoginPassword) and
              auth_data.login == user.encode() and
              auth_data.password == password.encode())
        state.log(server.sid, "AUTH %s %s" % (mechanism, "ok" if ok else "refused"))
        return AuthResult(success=ok, handled=False)
    return check


async def main(args):
    log = Log(args.log)
    state = State(args, log)
    loop = asyncio.get_running_loop()
    tls = None
    if args.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
    kw = dict(hostname="smtp.test", ident="aarshjul test SMTP server",
              tls_context=tls, require_starttls=tls is not None,
              decode_data=False, timeout=args.max_seconds, loop=loop)
    if args.auth:
        kw.update(authenticator=authenticator(state), auth_required=True,
                  auth_require_tls=True)
    server = await loop.create_server(
        lambda: Session(state, Handler(state), **kw), "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    log(0, "listening on 127.0.0.1:%d tls=%s auth=%s faults=%s" % (
        port, tls is not None, bool(args.auth), args.fault))
    print("PORT %d" % port, flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    try:
        await asyncio.wait_for(stop.wait(), args.max_seconds)
        log(0, "stopping: SIGTERM")
    except asyncio.TimeoutError:
        log(0, "stopping: --max-seconds")
    server.close()


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--maildir", required=True)
    p.add_argument("--log")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--auth", metavar="USER:PASS")
    p.add_argument("--fault", type=parse_fault, action="append", default=[],
                   metavar="KIND[:N]")
    p.add_argument("--stall-seconds", type=float, default=20)
    p.add_argument("--reject-non-fqdn-helo", action="store_true")
    p.add_argument("--hold-first-until-second", action="store_true")
    p.add_argument("--hold-seconds", type=float, default=10)
    p.add_argument("--kill-after-accept", metavar="PIDFILE")
    p.add_argument("--max-seconds", type=float, default=60)
    a = p.parse_args()
    if bool(a.tls_cert) != bool(a.tls_key):
        p.error("--tls-cert and --tls-key go together")
    os.makedirs(a.maildir, exist_ok=True)
    if a.log is None:
        a.log = os.path.join(os.path.dirname(os.path.abspath(a.maildir)),
                             "smtp.log")
    return a


if __name__ == "__main__":
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    asyncio.run(main(options()))
