"""Email delivery, received by a real SMTP server: aiosmtpd, started here on loopback with a
certificate from a CA made for the test, STARTTLS required and AUTH PLAIN/LOGIN checked.
What arrives is read with Python's email package and compared with the report files."""
import datetime
import email
import email.policy
import ipaddress
import os
import pathlib
import socket
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import AS_OF, DEMO, binary

USER = "alice"
PASSWORD = "correct horse battery staple"
SUBJECT = "Macie jobs 2026-11-24: 9 ERROR, 5 expiring, 0 new"
ATTACHMENTS = {"jobs.csv", "summary.csv", "errors.csv", "coverage.csv", "report.xlsx"}


def _name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA (whose PEM is what --smtp-ca-file gets) and a server certificate it signed for localhost."""
    folder = tmp_path_factory.mktemp("pki")
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(_name("macie-report test CA")).issuer_name(_name("macie-report test CA"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    return {"ca": folder / "ca.pem", "context": context}


class Recorder:
    """aiosmtpd's handler and authenticator: keeps every message and every AUTH attempt."""

    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append({
            "from": envelope.mail_from, "to": list(envelope.rcpt_tos), "bytes": envelope.original_content,
            "tls": server.transport.get_extra_info("ssl_object") is not None, "user": session.auth_data,
        })
        return "250 2.0.0 accepted"

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode()
        password = auth_data.password.decode()
        self.logins.append((mechanism, login))
        if (login, password) == (USER, PASSWORD):
            return AuthResult(success=True, auth_data=login)
        return AuthResult(success=False, handled=False)  # aiosmtpd answers 535


class LoopbackController(Controller):
    """Binds port 0 and learns the port the system chose before aiosmtpd's start-up probe."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp_server(pki):
    """Starts servers on demand (implicit TLS or STARTTLS, mechanisms left out) and stops them."""
    started = []

    def start(implicit_tls=False, exclude=(), address="127.0.0.1"):
        recorder = Recorder()
        options = dict(
            hostname=address, port=0, authenticator=recorder, auth_require_tls=True,
            auth_exclude_mechanism=list(exclude), server_hostname="localhost",
        )
        if implicit_tls:
            # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; the recorded "tls"
            # (the transport's ssl_object) shows this connection is encrypted from the first byte.
            options["auth_require_tls"] = False
            controller = LoopbackController(recorder, ssl_context=pki["context"], **options)
        else:
            controller = LoopbackController(recorder, tls_context=pki["context"], require_starttls=True, **options)
        controller.start()
        started.append(controller)
        return controller.port, recorder

    yield start
    for controller in started:
        controller.stop()


def mail_run(out, *extra, password=PASSWORD, env_name="MACIE_REPORT_SMTP_PASSWORD"):
    env = {key: value for key, value in os.environ.items() if not key.startswith("MACIE_REPORT_SMTP")}
    if password is not None:
        env[env_name] = password
    return subprocess.run(
        [binary(), "run", "--samples", str(DEMO), "--output-dir", str(out), "--as-of", AS_OF, "--quiet",
         "--mail-from", "Macie Reports <reports@example.com>", "--mail-to", "a@x.example", "--mail-to", "b@y.example",
         *extra],
        capture_output=True, text=True, check=False, env=env, timeout=60,
    )


def check_message(raw, out):
    """The message as a mail client reads it: headers, both alternatives, the files byte for byte."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == SUBJECT
    assert message["From"] == "Macie Reports <reports@example.com>"
    assert [str(address) for address in message["To"].addresses] == ["a@x.example", "b@y.example"]
    assert message["Message-ID"] and message["Date"] and message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/mixed"
    assert not message.defects
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    text = plain.get_content().replace("\r\n", "\n")
    assert text.startswith("Macie classification jobs, 2026-11-24 06:00 UTC\n76 jobs in 3 regions")
    assert "Needs attention (18): 9 ERROR on last run, 5 paused by Macie" in text
    assert html.get_payload(decode=True) == (out / "report.html").read_bytes()
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(attachments) == ATTACHMENTS
    for name, part in attachments.items():
        assert part.get_payload(decode=True) == (out / name).read_bytes(), name
    assert attachments["report.xlsx"].get_content_type() == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert attachments["jobs.csv"].get_content_type() == "text/csv"
    return message


def test_starttls_and_auth_plain_deliver_the_reports(smtp_server, pki, tmp_path):
    port, recorder = smtp_server()
    result = mail_run(tmp_path, "--smtp-url", f"smtp://{USER}@localhost:{port}", "--smtp-ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    assert recorder.logins == [("PLAIN", USER)]
    [received] = recorder.messages
    assert received["from"] == "reports@example.com"
    assert received["to"] == ["a@x.example", "b@y.example"]
    assert received["tls"] and received["user"] == USER
    check_message(received["bytes"], tmp_path)


def test_smtps_implicit_tls(smtp_server, pki, tmp_path):
    port, recorder = smtp_server(implicit_tls=True)
    result = mail_run(tmp_path, "--smtp-url", f"smtps://{USER}@localhost:{port}", "--smtp-ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr
    [received] = recorder.messages
    assert received["tls"]
    check_message(received["bytes"], tmp_path)


def test_auth_login_when_plain_is_not_offered(smtp_server, pki, tmp_path):
    port, recorder = smtp_server(exclude=["PLAIN"])
    result = mail_run(
        tmp_path, "--smtp-url", f"smtp://{USER}@localhost:{port}", "--smtp-ca-file", str(pki["ca"]),
        "--smtp-password-env", "OTHER_PW", env_name="OTHER_PW")
    assert result.returncode == 0, result.stderr
    assert recorder.logins == [("LOGIN", USER)]
    check_message(recorder.messages[0]["bytes"], tmp_path)


def test_wrong_password_exits_5_with_one_line_and_keeps_the_reports(smtp_server, pki, tmp_path):
    port, recorder = smtp_server()
    wrong = "Tr0ub4dor&3-not-it"
    result = mail_run(
        tmp_path, "--smtp-url", f"smtp://{USER}@localhost:{port}", "--smtp-ca-file", str(pki["ca"]), "--fail-on", "error",
        password=wrong)
    assert result.returncode == 5
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"macie-report: error: mail not delivered: SMTP server localhost:{port} refused AUTH: 535")
    assert "$MACIE_REPORT_SMTP_PASSWORD" in lines[0]
    assert wrong not in result.stderr + result.stdout
    assert recorder.messages == []
    assert {path.name for path in tmp_path.iterdir()} == ATTACHMENTS | {"report.html"}


def test_an_untrusted_certificate_is_refused(smtp_server, tmp_path):
    port, recorder = smtp_server()
    result = mail_run(tmp_path, "--smtp-url", f"smtp://{USER}@localhost:{port}")
    assert result.returncode == 5
    assert "TLS with SMTP server" in result.stderr and "--smtp-ca-file" in result.stderr
    assert recorder.logins == [] and recorder.messages == []


def test_a_certificate_for_another_name_is_refused(smtp_server, pki, tmp_path):
    port, recorder = smtp_server(address="127.0.0.2")  # the certificate names localhost and 127.0.0.1
    result = mail_run(tmp_path, "--smtp-url", f"smtp://{USER}@127.0.0.2:{port}", "--smtp-ca-file", str(pki["ca"]))
    assert result.returncode == 5
    assert "its certificate is not for 127.0.0.2" in result.stderr
    assert recorder.logins == [] and recorder.messages == []


def test_a_closed_port_fails_fast(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = mail_run(tmp_path, "--smtp-url", f"smtp://127.0.0.1:{port}")
    # "Connection refused", not a timeout, is what says it failed at once (no wall-clock bound:
    # those fail on a loaded machine without saying anything about the code).
    assert result.returncode == 5
    assert result.stderr == (
        f"macie-report: error: mail not delivered: cannot connect to SMTP server 127.0.0.1:{port}: Connection refused; "
        "check the host and port in --smtp-url and that the server is up\n")
    assert (tmp_path / "report.xlsx").exists()


def test_sendmail_gets_the_message(tmp_path):
    fake = tmp_path / "sendmail"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$0.argv"\ncat > "$0.stdin"\n')
    fake.chmod(0o755)
    out = tmp_path / "out"
    result = mail_run(out, "--sendmail", str(fake))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sendmail.argv").read_text() == "-t\n-i\n"
    check_message((tmp_path / "sendmail.stdin").read_bytes(), out)


def test_eml_alone_writes_the_message(tmp_path):
    out = tmp_path / "out"
    eml = tmp_path / "report.eml"
    result = mail_run(out, "--eml", str(eml), "--mail-subject", "{jobs} jobs, {attention} need attention ({date})")
    assert result.returncode == 0, result.stderr
    raw = eml.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "76 jobs, 18 need attention (2026-11-24)"
    message.replace_header("Subject", SUBJECT)
    check_message(message.as_bytes(), out)


@pytest.mark.parametrize("args, fragment", [
    (["--smtp-url", "smtp://alice:secret@localhost"], "must not contain a password"),
    (["--smtp-url", "smtp://localhost", "--sendmail", "/bin/true"], "give one"),
    (["--eml", "x.eml", "--mail-subject", "{nope}"], "unknown placeholder {nope}"),
])
def test_usage_errors_exit_2(tmp_path, args, fragment):
    result = mail_run(tmp_path, *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "secret" not in result.stderr or "must not contain" in result.stderr


def test_without_report_html_the_message_is_text_and_attachments(tmp_path):
    out = tmp_path / "out"
    eml = tmp_path / "report.eml"
    result = mail_run(out, "--format", "csv", "--eml", str(eml))
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message.get_body(("html",)) is None
    assert message.get_body(("plain",)).get_content().startswith("Macie classification jobs, 2026-11-24 06:00 UTC")
    attachments = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
    assert attachments == {name: (out / name).read_bytes() for name in ("jobs.csv", "summary.csv", "errors.csv", "coverage.csv")}


def test_the_nightly_mail_with_a_history_and_a_config_file(smtp_server, pki, tmp_path):
    """Two nights from one config file: the second mail's subject counts the new job, its
    text opens with the changes, and changes.csv is attached byte for byte."""
    import json
    import shutil
    port, recorder = smtp_server()
    samples, out = tmp_path / "samples", tmp_path / "out"
    shutil.copytree(DEMO, samples)
    config = tmp_path / "macie-report.conf"
    config.write_text("\n".join([
        "# nightly", f"samples = {samples}", f"output-dir = {out}", f"history = {tmp_path / 'history.sqlite'}",
        "quiet = true", "mail-from = Macie Reports <reports@example.com>", "mail-to = a@x.example",
        f"smtp-url = smtp://{USER}@localhost:{port}", f"smtp-ca-file = {pki['ca']}",
    ]) + "\n")
    env = dict(os.environ, MACIE_REPORT_SMTP_PASSWORD=PASSWORD)

    def night(as_of):
        result = subprocess.run([binary(), "run", "--config", str(config), "--as-of", as_of],
                                capture_output=True, text=True, check=False, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        return email.message_from_bytes(recorder.messages[-1]["bytes"], policy=email.policy.default)

    first = night("2026-11-23T06:00:00Z")
    assert first["Subject"] == "Macie jobs 2026-11-23: 9 ERROR, 4 expiring, 0 new"
    jobs = json.loads((samples / "eu-west-1.json").read_text(encoding="utf-8"))
    fresh = dict(jobs[0], jobId="e" * 32, name="brand new job", jobStatus="RUNNING")
    fresh["jobArn"] = fresh["jobArn"].rsplit("/", 1)[0] + "/" + fresh["jobId"]
    (samples / "eu-west-1.json").write_text(json.dumps(jobs + [fresh], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    second = night("2026-11-24T06:00:00Z")
    assert second["Subject"].startswith("Macie jobs 2026-11-24: ") and second["Subject"].endswith(" expiring, 1 new")
    text = second.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.index("Since the previous run (2026-11-23 06:00 UTC)") < text.index("Needs attention")
    assert '"brand new job" (' + "e" * 32 + ")" in text
    attachments = {part.get_filename(): part.get_payload(decode=True) for part in second.iter_attachments()}
    assert set(attachments) == {"jobs.csv", "summary.csv", "errors.csv", "coverage.csv", "changes.csv", "report.xlsx"}
    for name, data in attachments.items():
        assert data == (out / name).read_bytes(), name
    assert b"new,eu-west-1," in attachments["changes.csv"]
