-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Booking" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "manageTokenHash" TEXT NOT NULL,
    "manageTokenSealed" TEXT,
    "officeId" INTEGER NOT NULL,
    "seriesId" INTEGER,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "seat" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'BOOKED',
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "interpreterNeeded" BOOLEAN NOT NULL,
    "name" TEXT,
    "searchName" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "note" TEXT,
    "emailKey" TEXT,
    "phoneKey" TEXT,
    "referrerOrgType" TEXT,
    "referrerOrgName" TEXT,
    "referrerName" TEXT,
    "referrerEmail" TEXT,
    "referrerLocale" TEXT,
    "contactViaReferrer" BOOLEAN NOT NULL DEFAULT false,
    "smsConsent" BOOLEAN NOT NULL DEFAULT false,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "cancelledBy" TEXT,
    "cancelReason" TEXT,
    "checkedInAt" DATETIME,
    "outcomeAt" DATETIME,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Booking_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ConsultationSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Booking" ("cancelReason", "cancelledAt", "cancelledBy", "channel", "checkedInAt", "code", "contactViaReferrer", "createdAt", "email", "emailKey", "endsAt", "erasedAt", "id", "interpreterNeeded", "language", "locale", "manageTokenHash", "manageTokenSealed", "name", "note", "officeId", "outcomeAt", "phone", "phoneKey", "referrerEmail", "referrerLocale", "referrerName", "referrerOrgName", "referrerOrgType", "searchName", "seat", "sequence", "seriesId", "startsAt", "status") SELECT "cancelReason", "cancelledAt", "cancelledBy", "channel", "checkedInAt", "code", "contactViaReferrer", "createdAt", "email", "emailKey", "endsAt", "erasedAt", "id", "interpreterNeeded", "language", "locale", "manageTokenHash", "manageTokenSealed", "name", "note", "officeId", "outcomeAt", "phone", "phoneKey", "referrerEmail", "referrerLocale", "referrerName", "referrerOrgName", "referrerOrgType", "searchName", "seat", "sequence", "seriesId", "startsAt", "status" FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_code_key" ON "Booking"("code");
CREATE UNIQUE INDEX "Booking_manageTokenHash_key" ON "Booking"("manageTokenHash");
CREATE INDEX "Booking_officeId_startsAt_searchName_idx" ON "Booking"("officeId", "startsAt", "searchName");
CREATE INDEX "Booking_emailKey_idx" ON "Booking"("emailKey");
CREATE INDEX "Booking_phoneKey_idx" ON "Booking"("phoneKey");
CREATE UNIQUE INDEX "Booking_officeId_startsAt_seat_key" ON "Booking"("officeId", "startsAt", "seat");
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bookingId" INTEGER,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "recipient" TEXT,
    "locale" TEXT NOT NULL,
    "payload" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "dueAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "claimedAt" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "OutboxMessage_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("attempts", "audience", "bookingId", "claimToken", "claimedAt", "createdAt", "dueAt", "erasedAt", "id", "kind", "lastError", "locale", "nextAttemptAt", "payload", "recipient", "sentAt", "status") SELECT "attempts", "audience", "bookingId", "claimToken", "claimedAt", "createdAt", "dueAt", "erasedAt", "id", "kind", "lastError", "locale", "nextAttemptAt", "payload", "recipient", "sentAt", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_bookingId_idx" ON "OutboxMessage"("bookingId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
