// Which slots can be booked online right now: capacity minus places taken, within the
// booking horizon, after the minimum notice, and leaving the session's walk-in places free.
import { addDays, localDateOf } from "../../local-date.ts";
import { slotsOf, type Session, type Slot } from "./sessions.ts";

export interface SlotState extends Slot {
  taken: number;
  free: number;
  /** Free and open to online booking now. */
  bookable: boolean;
}

export interface SessionState {
  session: Session;
  slots: SlotState[];
  /** Places taken over the whole session. */
  taken: number;
  /** Places online booking may still fill (walk-in places excluded). */
  openOnline: number;
}

export interface AvailabilityInput {
  sessions: Session[];
  zone: string;
  /** Places taken per slot start (epoch ms). */
  taken: ReadonlyMap<number, number>;
  now: Date;
  /** The slots of a session, when already known (see day-plan.ts). */
  slotsFor?: (session: Session) => Slot[];
}

export function sessionStates({ sessions, zone, taken, now, slotsFor }: AvailabilityInput): SessionState[] {
  const today = localDateOf(now, zone);
  return sessions.map((session) => {
    const slots = slotsFor?.(session) ?? slotsOf(session, zone);
    const takenBySlot = slots.map((slot) => taken.get(slot.startsAt.getTime()) ?? 0);
    const sessionTaken = takenBySlot.reduce((sum, n) => sum + n, 0);
    const onlinePlaces = slots.length * session.capacity - session.walkInPlaces;
    const openOnline = Math.max(0, onlinePlaces - sessionTaken);
    const withinHorizon = session.horizonDays === null || session.date <= addDays(today, session.horizonDays);
    const earliest = now.getTime() + session.minNoticeMinutes * 60_000;
    return {
      session,
      taken: sessionTaken,
      openOnline,
      slots: slots.map((slot, i) => {
        const slotTaken = takenBySlot[i] ?? 0;
        const free = Math.max(0, slot.capacity - slotTaken);
        return {
          ...slot,
          taken: slotTaken,
          free,
          bookable: free > 0 && openOnline > 0 && withinHorizon && slot.startsAt.getTime() >= earliest,
        };
      }),
    };
  });
}
