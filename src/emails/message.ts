// What an outbox message holds: the kind of change, who reads it, and the facts of the
// change captured when it happened. The domain decides who gets which message
// (domain/outbox/booking-messages.ts); this folder renders and sends it.
/**
 * `link`: the manage link sent again, on request ("Lost your link?"). `offer`: a freed
 * place offered to someone on the waiting list (src/domain/desk/waiting-offers.ts).
 */
export type MessageKind = "confirmation" | "cancellation" | "moved" | "reminder" | "link" | "offer";
export type Audience = "client" | "caseworker";

/** What a message says, captured when the change happens. */
export interface MessageFacts {
  code: string;
  startsAt: string;
  endsAt: string;
  office: {
    slug: string;
    name: string;
    street: string;
    postalCode: string;
    city: string;
    timeZone: string;
    /** Whom to call (absent in messages written before offices had them). */
    phone?: string | null;
    email?: string | null;
    /** Stored form, see src/domain/offices/desk-hours.ts. */
    deskHours?: string | null;
    /** The office's name in the languages of this booking's messages, where an administrator gave one. */
    names?: Record<string, string>;
  };
  name: string | null;
  /** The caseworker who booked, to greet them by name in their copies. */
  caseworkerName?: string | null;
  sequence: number;
  previous?: { startsAt: string; endsAt: string };
  cancelledBy?: "client" | "staff";
  /** The officer's own words, in their language (not translated): shown in quotes. */
  reason?: string | null;
  /** The language the reason is written in (nl or en). */
  reasonLang?: string;
  /** A freed place offered: the offer, and until when it holds. */
  offer?: { id: number; until: string };
}
