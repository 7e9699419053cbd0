import type { Db } from "../db/client.ts";
import type { OutboxPolicy } from "./outbox/booking-messages.ts";
import type { TokenSeal } from "./booking/sealed-token.ts";

/** What domain actions that change bookings need besides their input and the time. */
export interface DomainDeps {
  db: Db;
  outbox: OutboxPolicy;
  seal: TokenSeal;
}
