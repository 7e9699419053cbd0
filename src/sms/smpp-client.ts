// One SMPP 3.4 session with the SMS provider, bound as a transceiver: it submits the
// outbox's text messages and receives delivery receipts and replies on the same link.
// While bound it sends enquire_link; when the link is lost (or the provider sends
// something unreadable) it is dropped and bound again with back-off. A message the link
// cannot take now fails with a temporary SmsSendError, and the outbox retries it later.
import smpp, { type PDU, type Session } from "smpp";

const { errors, ESM_CLASS } = smpp;
import type { SmppConfig } from "../config.ts";
import { segmentsOf } from "./segments.ts";

/** What the provider delivered to us: a delivery receipt or a reply from a phone. */
export type Inbound =
  | { kind: "receipt"; providerMessageId: string; state: string }
  | { kind: "reply"; from: string; text: string }
  /** Neither: no sender, no readable receipt, or a command we do not know. */
  | { kind: "unreadable" };
export type InboundHandler = (inbound: Inbound) => Promise<void>;

const statusNames = new Map(Object.entries(errors).map(([name, code]) => [code, name]));

// Refusals of this message itself (its number or its content): trying again will not
// help. Everything else — throttling, a full queue, a system error, a refused bind —
// says nothing about the message and is retried.
const permanentStatuses = new Set(["ESME_RINVDSTADR", "ESME_RINVDSTTON", "ESME_RINVDSTNPI", "ESME_RINVMSGLEN", "ESME_RINVDCS", "ESME_RX_P_APPN"]);

export class SmsSendError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}

function statusError(what: string, status: number): SmsSendError {
  const name = statusNames.get(status) ?? `0x${status.toString(16).padStart(8, "0")}`;
  return new SmsSendError(name, permanentStatuses.has(name), `${what}: ${name}`);
}

// Final receipt states as the SMPP text receipt names them (and message_state numbers them).
const receiptStates: Record<string, string> = { DELIVRD: "DELIVERED", UNDELIV: "UNDELIVERABLE", EXPIRED: "EXPIRED", REJECTD: "REJECTED", DELETED: "DELETED", UNKNOWN: "UNKNOWN", ACCEPTD: "ACCEPTED", ENROUTE: "ENROUTE" };
const stateNumbers = ["SCHEDULED", "ENROUTE", "DELIVERED", "EXPIRED", "DELETED", "UNDELIVERABLE", "ACCEPTED", "UNKNOWN", "REJECTED", "SKIPPED"];

function textOf(field: unknown): string {
  if (typeof field === "string") return field;
  const message = (field as { message?: unknown } | null)?.message;
  if (typeof message === "string") return message;
  return Buffer.isBuffer(message) ? message.toString("latin1") : "";
}

/** A deliver_sm as what it means; null when it is neither a readable receipt nor a reply. */
export function readDeliverSm(pdu: Record<string, unknown>): Inbound | null {
  const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
  const esmClass = typeof pdu.esm_class === "number" ? pdu.esm_class : 0;
  const isReceipt = (esmClass & 0x3c) === ESM_CLASS.MC_DELIVERY_RECEIPT || typeof pdu.receipted_message_id === "string";
  if (isReceipt) {
    const parsed = /\bid:(\S+).*\bstat:(\w+)/is.exec(text);
    const id = typeof pdu.receipted_message_id === "string" && pdu.receipted_message_id ? pdu.receipted_message_id : parsed?.[1];
    const state = typeof pdu.message_state === "number" ? stateNumbers[pdu.message_state] : parsed ? receiptStates[parsed[2]!.toUpperCase()] : undefined;
    return id && state ? { kind: "receipt", providerMessageId: id, state } : null;
  }
  const source = typeof pdu.source_addr === "string" ? pdu.source_addr.trim() : "";
  if (!/^\+?\d{6,15}$/.test(source)) return null;
  // An international number (TON 1) arrives without its "+".
  const from = source.startsWith("+") || pdu.source_addr_ton !== 1 ? source : `+${source}`;
  return { kind: "reply", from, text };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class SmppClient {
  readonly #config: SmppConfig;
  #session: Session | null = null;
  #binding: Promise<Session> | null = null;
  #handler: InboundHandler | null = null;
  #enquire: NodeJS.Timeout | null = null;
  #reconnect: NodeJS.Timeout | null = null;
  #reconnectDelay: number;
  #closed = false;
  #reference = Math.floor(Math.random() * 256);

  constructor(config: SmppConfig) {
    this.#config = config;
    this.#reconnectDelay = config.reconnectMs;
  }

  onInbound(handler: InboundHandler): void {
    this.#handler = handler;
  }

  /** Binds in the background, and keeps the link bound until close(). */
  connect(): void {
    this.#closed = false;
    void this.#bound().catch(() => this.#scheduleReconnect());
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnect) clearTimeout(this.#reconnect);
    const session = this.#session;
    this.#drop();
    if (session) {
      await Promise.race([new Promise<void>((resolve) => session.send(new smpp.PDU("unbind"), () => resolve())), wait(1000)]);
      session.destroy();
    }
  }

  /** Sends a text in as many parts as it needs; the provider's ids of its parts (the first apart). */
  async submit(to: string, text: string): Promise<{ providerMessageId: string | null; partIds: string[] }> {
    const session = await this.#bound();
    const { encoding, parts } = segmentsOf(text);
    const reference = (this.#reference = (this.#reference + 1) % 256);
    let first: string | null = null;
    const partIds: string[] = [];
    for (const [i, part] of parts.entries()) {
      const udh = parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]) : null;
      const resp = await this.#requestOrDrop(session, "submit_sm", {
        source_addr: this.#config.from,
        ...(/^\+?\d+$/.test(this.#config.from) ? { source_addr_ton: 1, source_addr_npi: 1 } : { source_addr_ton: 5, source_addr_npi: 0 }),
        destination_addr: to.replace(/^\+/, ""),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        esm_class: 0,
        registered_delivery: 1,
        data_coding: encoding === "gsm7" ? 0x00 : 0x08,
        short_message: udh ? { udh, message: part } : part,
      });
      if (resp.command_status !== 0) throw statusError("submit_sm refused", resp.command_status);
      const id = typeof resp.message_id === "string" && resp.message_id ? resp.message_id : null;
      if (i === 0) first = id;
      if (id) partIds.push(id);
    }
    // Receipts come per part: a text of several parts is followed part by part, when every part has an id.
    return { providerMessageId: first, partIds: parts.length > 1 && partIds.length === parts.length ? partIds : [] };
  }

  /** The bound session, binding first when there is none. */
  #bound(): Promise<Session> {
    const socket = (this.#session as { socket?: { writable?: boolean } } | null)?.socket;
    if (this.#session && socket?.writable === false) this.#lost(this.#session);
    if (this.#session) return Promise.resolve(this.#session);
    this.#binding ??= this.#bind().finally(() => {
      this.#binding = null;
    });
    return this.#binding;
  }

  async #bind(): Promise<Session> {
    const { host, port, tls, systemId, password, timeoutMs } = this.#config;
    const session = await new Promise<Session>((resolve, reject) => {
      const timer = setTimeout(() => {
        s.destroy();
        failed(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
      }, timeoutMs);
      timer.unref();
      const s = smpp.connect({ host, port, tls, servername: host }, () => {
        clearTimeout(timer);
        resolve(s);
      });
      function failed(error: Error & { code?: string }) {
        clearTimeout(timer);
        reject(new SmsSendError(error.code ?? "ECONNECTION", false, `SMPP link: ${error.code ?? error.message}`));
      }
      s.once("error", failed);
      s.once("close", () => failed(Object.assign(new Error("closed"), { code: "ECONNRESET" })));
    });
    session.removeAllListeners("error");
    session.removeAllListeners("close");
    session.on("error", () => this.#lost(session));
    session.on("close", () => this.#lost(session));
    let resp: PDU;
    try {
      resp = await this.#request(session, "bind_transceiver", { system_id: systemId, password, interface_version: 0x34 });
    } catch (error) {
      session.destroy();
      throw error;
    }
    if (resp.command_status !== 0) {
      session.destroy();
      throw statusError("bind refused", resp.command_status);
    }
    if (this.#closed) {
      // Closed while binding: the app is shutting down.
      session.destroy();
      throw new SmsSendError("ECLOSED", false, "SMPP link: closed");
    }
    this.#session = session;
    this.#reconnectDelay = this.#config.reconnectMs;
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("deliver_sm", (pdu: PDU) => this.#deliver(session, pdu));
    // A command we do not know is answered as SMPP asks (generic_nack) and the link kept;
    // bytes that cannot be read as a PDU at all end the link ("error" above).
    session.on("unknown", (pdu: PDU) => {
      session.send(new smpp.PDU("generic_nack", { sequence_number: pdu.sequence_number, command_status: errors.ESME_RINVCMDID }));
      void this.#handler?.({ kind: "unreadable" }).catch(() => undefined);
    });
    this.#enquire = setInterval(() => {
      this.#request(session, "enquire_link", {}).catch(() => session.destroy());
    }, this.#config.enquireLinkMs);
    this.#enquire.unref();
    return session;
  }

  /** Answers at once (the provider must not send it again), then deals with it. */
  #deliver(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    void this.#handler?.(readDeliverSm(pdu) ?? { kind: "unreadable" }).catch(() => undefined);
  }

  /** A request on the bound link; a link that does not answer is dropped, to bind afresh. */
  async #requestOrDrop(session: Session, command: string, options: Record<string, unknown>): Promise<PDU> {
    try {
      return await this.#request(session, command, options);
    } catch (error) {
      this.#lost(session);
      throw error;
    }
  }

  #request(session: Session, command: string, options: Record<string, unknown>): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SmsSendError("ETIMEDOUT", false, `SMPP ${command}: no answer`)), this.#config.timeoutMs);
      timer.unref();
      const sent = session.send(new smpp.PDU(command, options), (resp) => {
        clearTimeout(timer);
        resolve(resp);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new SmsSendError("ENOTCONN", false, `SMPP ${command}: link down`));
      }
    });
  }

  #lost(session: Session): void {
    if (this.#session !== session) {
      session.destroy();
      return;
    }
    this.#drop();
    session.destroy();
    this.#scheduleReconnect();
  }

  #drop(): void {
    if (this.#enquire) clearInterval(this.#enquire);
    this.#enquire = null;
    this.#session = null;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnect) return;
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(delay * 2, 5 * 60_000);
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      if (!this.#closed && !this.#session) this.connect();
    }, delay);
    this.#reconnect.unref();
  }
}
