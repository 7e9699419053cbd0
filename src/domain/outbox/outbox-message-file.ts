// Without an SMTP server the transport writes each message as an .eml file named after
// its Message-ID; the staff outbox page reads it back from there.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { emlFileName, outboxMessageId } from "../../emails/transport.ts";
import { smsFileName } from "../../sms/transport.ts";

export { outboxMessageId };

/** The raw message, or null when no file was written (not sent yet, or sent by SMTP). */
export async function readOutboxFile(dir: string, publicUrl: string, row: { id: number; createdAt: Date }): Promise<Buffer | null> {
  try {
    return await readFile(join(resolve(dir), emlFileName(outboxMessageId(row, publicUrl))));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** A text message written to the folder (no SMS provider): its number and text, or null. */
export async function readSmsFile(dir: string, row: { id: number; createdAt: Date }): Promise<{ to: string; text: string } | null> {
  let raw: string;
  try {
    raw = await readFile(join(resolve(dir), smsFileName(`outbox-${row.id}-${row.createdAt.getTime()}`)), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const [head = "", ...body] = raw.split("\n\n");
  return { to: /^To: (.*)$/m.exec(head)?.[1] ?? "", text: body.join("\n\n").trimEnd() };
}
