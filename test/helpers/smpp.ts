// A real SMPP 3.4 server in-process (the smpp package's own), standing in for the SMS
// provider: it checks the bind's password, answers submit_sm with a message id (or with
// the error a test asks for), joins multi-part messages, and can send deliver_sm back —
// delivery receipts and replies from phones — or raw bytes that are no PDU at all.
import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Server, type Session } from "smpp";
import type { TestContext } from "./app.ts";

export interface SubmittedText {
  /** Destination as sent (E.164 without "+"). */
  to: string;
  text: string;
  parts: number;
  dataCoding: number;
  messageId: string;
  /** The id given to each part, in order (one for a text of one part). */
  partIds: string[];
}

export interface SmppServer {
  env(overrides?: Record<string, string>): Record<string, string>;
  /** Whole messages received (parts joined), in order. */
  texts: SubmittedText[];
  binds: Array<{ systemId: string; accepted: boolean }>;
  /** The statuses of the generic_nack answers the client sent. */
  nacks: number[];
  /** Destinations answered with this status (e.g. ESME_RINVDSTADR) for good. */
  refuse: Map<string, string>;
  /** The next n submit_sm are answered with this status (e.g. ESME_RTHROTTLED). */
  failNext(status: string, n?: number): void;
  /** Sends a deliver_sm to the bound client; resolves when the client has answered it. */
  deliver(fields: Record<string, unknown>): Promise<number>;
  /** Writes bytes to the bound client that are no valid PDU. */
  garbage(bytes: Buffer): void;
  /** Stops listening and drops every link (the provider is down). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  bound(): boolean;
}

export const SMPP_PASSWORD = "s3cret";

export async function startSmpp(t: TestContext): Promise<SmppServer> {
  const texts: SubmittedText[] = [];
  const binds: SmppServer["binds"] = [];
  const nacks: number[] = [];
  const refuse = new Map<string, string>();
  const failing: string[] = [];
  const partial = new Map<string, { parts: string[]; ids: string[]; firstId: string }>();
  let nextId = 1000;
  let port = 0;
  const sessions = new Set<Session>();
  const bound = new Set<Session>();

  const onSession = (session: Session) => {
    sessions.add(session);
    session.on("error", () => session.destroy());
    session.on("close", () => {
      sessions.delete(session);
      bound.delete(session);
    });
    session.on("bind_transceiver", (pdu: PDU) => {
      const accepted = pdu.password === SMPP_PASSWORD;
      binds.push({ systemId: String(pdu.system_id), accepted });
      session.send(pdu.response({ command_status: accepted ? 0 : smpp.errors.ESME_RINVPASWD }));
      if (accepted) bound.add(session);
    });
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("generic_nack", (pdu: PDU) => nacks.push(pdu.command_status));
    session.on("unbind", (pdu: PDU) => session.send(pdu.response()));
    session.on("submit_sm", (pdu: PDU) => {
      const to = String(pdu.destination_addr);
      const status = failing.shift() ?? refuse.get(to);
      if (status) {
        session.send(pdu.response({ command_status: smpp.errors[status] }));
        return;
      }
      const messageId = `m${nextId++}`;
      session.send(pdu.response({ message_id: messageId }));
      const body = pdu.short_message as { udh?: Buffer[]; message: string };
      const concat = body.udh?.find((h) => h[0] === 0x00);
      const dataCoding = Number(pdu.data_coding);
      if (!concat) {
        texts.push({ to, text: body.message, parts: 1, dataCoding, messageId, partIds: [messageId] });
        return;
      }
      const [, , reference, total, seq] = [...concat];
      const key = `${to}/${reference}`;
      const got = partial.get(key) ?? { parts: [], ids: [], firstId: "" };
      got.parts[seq! - 1] = body.message;
      got.ids[seq! - 1] = messageId;
      if (seq === 1) got.firstId = messageId;
      partial.set(key, got);
      if (got.parts.filter((p) => p !== undefined).length === total) {
        partial.delete(key);
        texts.push({ to, text: got.parts.join(""), parts: total, dataCoding, messageId: got.firstId, partIds: got.ids });
      }
    });
  };

  let server: Server = smpp.createServer({}, onSession);
  const listen = () =>
    new Promise<void>((resolve) => {
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  const stop = async () => {
    for (const session of sessions) session.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  t.teardown(async () => {
    if (server.listening) await stop();
  });
  const client = () => {
    const [session] = bound;
    if (!session) throw new Error("no client is bound");
    return session;
  };

  return {
    texts,
    binds,
    nacks,
    refuse,
    env: (overrides = {}) => ({ SMS_HOST: "127.0.0.1", SMS_PORT: String(port), SMS_SYSTEM_ID: "spreekuur", SMS_PASSWORD: SMPP_PASSWORD, SMS_FROM: "+3197010203040", SMS_TIMEOUT_SECONDS: "2", ...overrides }),
    failNext(status, n = 1) {
      for (let i = 0; i < n; i++) failing.push(status);
    },
    deliver: (fields) =>
      new Promise((resolve) => {
        client().send(new smpp.PDU("deliver_sm", { service_type: "", esm_class: 0, data_coding: 0, ...fields }), (resp) => resolve(resp.command_status));
      }),
    garbage(bytes) {
      (client() as unknown as { socket: { write(b: Buffer): void } }).socket.write(bytes);
    },
    stop,
    async start() {
      server = smpp.createServer({}, onSession);
      await listen();
    },
    bound: () => bound.size > 0,
  };
}
