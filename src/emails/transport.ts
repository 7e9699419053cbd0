// Where messages go: an SMTP server, or — the embedded default — .eml files in a folder.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { rootCertificates } from "node:tls";
import nodemailer from "nodemailer";
import type { MailConfig } from "../config.ts";
import { SmsSendError } from "../sms/smpp-client.ts";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox message, so a receiving server can drop a repeat after a crash. */
  messageId: string;
  date: Date;
  calendar?: { method: string; content: string };
}

export interface MailTransport {
  /** One line for the start-up output. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The Message-ID of an outbox row: stable, so a receiving server can spot a repeat. */
export function outboxMessageId(row: { id: number; createdAt: Date }, publicUrl: string): string {
  return `<outbox-${row.id}-${row.createdAt.getTime()}@${new URL(publicUrl).hostname}>`;
}

/** The file a message is written to without SMTP; the staff outbox page reads it back. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/[<>]/g, "").replace(/[^A-Za-z0-9.-]/g, "_")}.eml`;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: mail.date,
    ...(mail.calendar
      ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: "afspraak.ics" } }
      : {}),
  };
}

export function createMailTransport(config: MailConfig): MailTransport {
  const smtp = config.smtp;
  if (!smtp) {
    const dir = resolve(config.dir);
    // CRLF line ends, as over SMTP: a message and its calendar part (RFC 5545 asks for
    // CRLF) are the same bytes in the folder as in a mailbox.
    const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
    return {
      description: `Emails are written to ${dir} (no SMTP server configured).`,
      async send(mail) {
        const info = await files.sendMail(message(mail));
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(join(dir, emlFileName(mail.messageId)), info.message as Buffer, { mode: 0o600 });
      },
      close() {
        files.close();
      },
    };
  }
  // A few connections kept open and reused: one connection per message (a new TCP and
  // TLS handshake and login each time) held sending to about 8 messages a second.
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    maxMessages: 500,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    // Given a CA, Node trusts it alone; keep the well-known ones beside it.
    ...(smtp.caFile ? { tls: { ca: [...rootCertificates, readFileSync(smtp.caFile, "utf8")] } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    description: `Emails are sent through ${smtp.host}:${smtp.port} (${smtp.security}).`,
    async send(mail) {
      await transport.sendMail(message(mail));
    },
    close() {
      transport.close();
    },
  };
}

/**
 * A 5xx reply to this message's recipient or content: the server refuses it for good, so
 * trying again will not help. A 5xx to the login, the sender or the connection says the
 * app's own settings are wrong (an expired password, a sender the server does not
 * accept); that holds for every message, so they wait and are retried until it is fixed.
 */
export function isPermanentFailure(error: unknown): boolean {
  // An SMS provider's refusal says itself whether it is final (sms/smpp-client.ts).
  if (error instanceof SmsSendError) return error.permanent;
  const e = error as { responseCode?: unknown; command?: unknown } | null;
  const code = e?.responseCode;
  if (typeof code !== "number" || code < 500 || code >= 600) return false;
  return e?.command === "RCPT TO" || e?.command === "DATA";
}

/** What the outbox records of a failure: the server's reply or the error code, short. */
export function describeFailure(error: unknown): string {
  if (error instanceof SmsSendError) return error.message;
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string } | null;
  const text = e?.response ?? (e?.code ? `${e.code}: ${e.message ?? ""}` : String(e?.message ?? error));
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
