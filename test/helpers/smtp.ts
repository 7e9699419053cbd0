// A real SMTP server in the test process (smtp-server), with every received message
// parsed by mailparser. It can be stopped and started again on the same port, and it
// refuses recipients listed in `reject` with a permanent 550.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { TestContext } from "./app.ts";

export interface Received {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export class TestSmtp {
  readonly received: Received[] = [];
  readonly reject = new Set<string>();
  /** Messages to these recipients are read but never answered: the sender hangs. */
  readonly stall = new Set<string>();
  /** How many messages to stalled recipients arrived (and were left unanswered). */
  stalled = 0;
  port = 0;
  #server: SMTPServer | null = null;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.reject.has(address.address)) {
          const error = new Error("5.1.1 Recipient address rejected: user unknown") as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        if (session.envelope.rcptTo.some((r) => this.stall.has(r.address))) {
          this.stalled++;
          stream.resume();
          return;
        }
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
              callback();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    const address = server.server.address();
    if (address && typeof address === "object") this.port = address.port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    // A stalled session would keep close() waiting for ever.
    if (server) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Settings that point the app at this server. */
  env(): Record<string, string> {
    return { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(this.port), SMTP_SECURITY: "none", MAIL_FROM: "Spreekuur <afspraak@spreekuur.test>" };
  }

  to(address: string): Received[] {
    return this.received.filter((r) => r.to.includes(address));
  }
}

export async function startSmtp(t: TestContext): Promise<TestSmtp> {
  const smtp = new TestSmtp();
  await smtp.start();
  t.teardown(() => smtp.stop());
  return smtp;
}

/** The calendar attachment of a received message, as text. */
export function calendarOf(mail: Received): string {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith("text/calendar") || a.contentType === "application/ics");
  if (!part) throw new Error("the message has no calendar attachment");
  return part.content.toString("utf8");
}
