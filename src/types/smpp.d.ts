// The part of the `smpp` package (0.5) Spreekuur uses; the package ships no types.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  import type { Server as NetServer } from "node:net";

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export interface Session extends EventEmitter {
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    [command: string]: unknown;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  interface Smpp {
    PDU: {
      new (command: string, options?: Record<string, unknown>): PDU;
      maxLength: number;
    };
    connect(options: { host: string; port: number; tls?: boolean; [option: string]: unknown }, listener?: () => void): Session;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    errors: Record<string, number>;
    ESM_CLASS: Record<string, number>;
  }
  // A CommonJS module whose exports are set in a loop: Node sees only its default export.
  const smpp: Smpp;
  export default smpp;
}
