import { Prisma } from "../generated/prisma/client.ts";

/** True when a write failed on a unique index (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
