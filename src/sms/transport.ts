// Where text messages go: an SMS provider over SMPP 3.4 (smpp-client.ts), or — the
// embedded default — one .txt file per message in a folder, as emails go to MAIL_DIR.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SmsConfig } from "../config.ts";
import { segmentsOf } from "./segments.ts";
import { SmppClient, type InboundHandler } from "./smpp-client.ts";

export interface OutgoingText {
  /** E.164 phone number. */
  to: string;
  text: string;
  /** Stable per outbox message: names the file in the folder. */
  reference: string;
}

export interface SmsTransport {
  /** One line for the start-up output. */
  readonly description: string;
  /**
   * The provider's id of the message (of its first part), when it gives one; and of every
   * part, in order, when it went out in several.
   */
  send(message: OutgoingText): Promise<{ providerMessageId: string | null; partIds?: string[] }>;
  /** Receipts and replies the provider delivers (SMPP only). */
  onInbound(handler: InboundHandler): void;
  /** Binds now rather than at the first message (to hear replies from the start). */
  connect(): void;
  close(): Promise<void>;
}

/** The file a text message is written to without a provider; the staff outbox page reads it back. */
export function smsFileName(reference: string): string {
  return `${reference.replace(/[^A-Za-z0-9.-]/g, "_")}.txt`;
}

export function createSmsTransport(config: SmsConfig): SmsTransport {
  if (!config.smpp) {
    const dir = resolve(config.dir);
    return {
      description: `Text messages are written to ${dir} (no SMS provider configured).`,
      async send(message) {
        const { encoding, parts } = segmentsOf(message.text);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const file = `To: ${message.to}\nEncoding: ${encoding}\nParts: ${parts.length}\n\n${message.text}\n`;
        writeFileSync(join(dir, smsFileName(message.reference)), file, { mode: 0o600 });
        return { providerMessageId: null };
      },
      onInbound() {},
      connect() {},
      async close() {},
    };
  }
  const client = new SmppClient(config.smpp);
  return {
    description: `Text messages are sent over SMPP to ${config.smpp.host}:${config.smpp.port}${config.smpp.tls ? " (TLS)" : ""} as ${config.smpp.systemId}.`,
    send: (message) => client.submit(message.to, message.text),
    onInbound: (handler) => client.onInbound(handler),
    connect: () => client.connect(),
    close: () => client.close(),
  };
}
