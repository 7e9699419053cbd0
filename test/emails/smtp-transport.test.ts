// The mail transport against a real SMTP server in-process: STARTTLS with a login and a
// certificate of the organisation's own authority, nothing sent in clear, connections
// reused, and the same CRLF line ends in the mail folder as over SMTP.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import t from "tap";
import { createMailTransport, type OutgoingMail } from "../../src/emails/transport.ts";
import { buildTestApp, type TestContext } from "../helpers/app.ts";
import { testDir } from "../helpers/database.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";

/** A self-signed certificate for 127.0.0.1, made with openssl for this test only. */
function certificate() {
  const dir = mkdtempSync(join(testDir, "spreekuur-tls-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=Spreekuur test mail", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

interface Seen {
  connections: number;
  logins: string[];
  secure: boolean[];
  messages: string[];
}

async function smtpServer(t: TestContext, options: Partial<SMTPServerOptions>) {
  const seen: Seen = { connections: 0, logins: [], secure: [], messages: [] };
  const server = new SMTPServer({
    logger: false,
    onConnect: (_session, callback) => {
      seen.connections++;
      callback();
    },
    onAuth: (auth, _session, callback) => {
      if (auth.username === "spreekuur" && auth.password === "relay password") {
        seen.logins.push(auth.username);
        return callback(null, { user: auth.username });
      }
      callback(new Error("Invalid username or password"));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        seen.secure.push(session.secure);
        seen.messages.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { seen, port: (server.server.address() as { port: number }).port };
}

const mail = (i: number): OutgoingMail => ({
  from: "Spreekuur <afspraak@spreekuur.test>",
  to: `client${i}@example.org`,
  subject: `Afspraak ${i}`,
  text: "Tot dinsdag.",
  html: "<p>Tot dinsdag.</p>",
  messageId: `<test-${i}@spreekuur.test>`,
  date: new Date("2026-11-30T08:00:00Z"),
});

t.test("STARTTLS with a login, trusting the certificate of the organisation's authority", async (t) => {
  const tls = certificate();
  const { seen, port } = await smtpServer(t, { key: tls.key, cert: tls.cert, authMethods: ["PLAIN", "LOGIN"] });
  const smtp = { host: "127.0.0.1", port, security: "starttls" as const, user: "spreekuur", password: "relay password", caFile: tls.certFile };
  const transport = createMailTransport({ smtp, from: "x", dir: "", reminderTime: "18:00", offerHoldMinutes: 30, worker: false, leaseSeconds: 300 });
  t.teardown(() => transport.close());
  for (let i = 0; i < 30; i++) await transport.send(mail(i));
  t.equal(seen.messages.length, 30, "every message arrived");
  t.same([...new Set(seen.secure)], [true], "each over TLS");
  t.ok(seen.logins.length >= 1 && seen.logins.length <= 2, `after logging in (${seen.logins.length} logins)`);
  t.ok(seen.connections <= 2, `on at most two reused connections (${seen.connections} for 30 messages)`);

  const untrusted = createMailTransport({ smtp: { ...smtp, caFile: undefined }, from: "x", dir: "", reminderTime: "18:00", offerHoldMinutes: 30, worker: false, leaseSeconds: 300 });
  t.teardown(() => untrusted.close());
  await t.rejects(untrusted.send(mail(99)), "a certificate nobody vouches for is refused");
  t.equal(seen.messages.length, 30, "and nothing more arrived");
});

t.test("starttls never falls back to sending in clear", async (t) => {
  const { seen, port } = await smtpServer(t, { disabledCommands: ["STARTTLS"], authOptional: true });
  const transport = createMailTransport({ smtp: { host: "127.0.0.1", port, security: "starttls" }, from: "x", dir: "", reminderTime: "18:00", offerHoldMinutes: 30, worker: false, leaseSeconds: 300 });
  t.teardown(() => transport.close());
  await t.rejects(transport.send(mail(1)), "a server that offers no STARTTLS gets nothing");
  t.same(seen.messages, []);
});

t.test("a message and its calendar part have CRLF line ends in the mail folder, as over SMTP", async (t) => {
  const { app, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "crlf@example.org" });
  await app.outbox.runOnce();
  const [file] = readdirSync(join(dir, "mail"));
  const raw = readFileSync(join(dir, "mail", file!), "latin1");
  t.ok(raw.includes("\r\n"), "CRLF");
  t.notOk(/[^\r]\n/.test(raw), "no bare LF anywhere in the file");
  const parsed = await simpleParser(raw);
  const ics = parsed.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  t.ok(ics, "the calendar part is there");
  const calendar = ics!.content.toString("utf8");
  t.match(calendar, /^BEGIN:VCALENDAR\r\n/, "it starts as RFC 5545 says");
  t.notOk(/[^\r]\n/.test(calendar), "and every line of it ends in CRLF");
});

t.test("a CA file that is not there stops the start with one clear line", async (t) => {
  const { loadConfig, ConfigError } = await import("../../src/config.ts");
  const env = { SMTP_HOST: "mail.example.org", SMTP_CA_FILE: "/nowhere/ca.pem" };
  t.throws(() => loadConfig(env), ConfigError);
  t.throws(() => loadConfig(env), /SMTP_CA_FILE: no such file/);
  t.throws(() => loadConfig({ SMTP_CA_FILE: certificate().certFile }), /SMTP_HOST: must be set when SMTP_CA_FILE is/, "and it is no use without a host");
});
