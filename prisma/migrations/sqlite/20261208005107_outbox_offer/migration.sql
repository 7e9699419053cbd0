-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bookingId" INTEGER,
    "offerId" INTEGER,
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
    "providerMessageId" TEXT,
    "deliveryStatus" TEXT,
    "deliveryReportedAt" DATETIME,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "OutboxMessage_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutboxMessage_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "WaitingOffer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("attempts", "audience", "bookingId", "channel", "claimToken", "claimedAt", "createdAt", "deliveryReportedAt", "deliveryStatus", "dueAt", "erasedAt", "id", "kind", "lastError", "locale", "nextAttemptAt", "payload", "providerMessageId", "recipient", "sentAt", "status") SELECT "attempts", "audience", "bookingId", "channel", "claimToken", "claimedAt", "createdAt", "deliveryReportedAt", "deliveryStatus", "dueAt", "erasedAt", "id", "kind", "lastError", "locale", "nextAttemptAt", "payload", "providerMessageId", "recipient", "sentAt", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_bookingId_idx" ON "OutboxMessage"("bookingId");
CREATE INDEX "OutboxMessage_providerMessageId_idx" ON "OutboxMessage"("providerMessageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
