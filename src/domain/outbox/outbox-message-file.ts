// Without an SMTP server the transport writes each message as an .eml file named after
// its Message-ID; the staff outbox page reads it back from there.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { emlFileName, outboxMessageId } from "../../emails/transport.ts";

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
