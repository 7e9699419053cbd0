-- CreateTable
CREATE TABLE "WaitingOffer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "placeBookingId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openPlace" INTEGER,
    "openEntry" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "tokenSealed" TEXT,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "answeredBy" TEXT,
    "bookingId" INTEGER,
    CONSTRAINT "WaitingOffer_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WaitingListEntry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WaitingListEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "sessionStart" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "phoneKey" TEXT,
    "email" TEXT,
    "smsConsent" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "language" TEXT NOT NULL,
    "interpreterNeeded" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "formKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    "erasedAt" DATETIME,
    CONSTRAINT "WaitingListEntry_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_WaitingListEntry" ("createdAt", "date", "erasedAt", "formKey", "id", "interpreterNeeded", "language", "name", "officeId", "sessionStart", "status") SELECT "createdAt", "date", "erasedAt", "formKey", "id", "interpreterNeeded", "language", "name", "officeId", "sessionStart", "status" FROM "WaitingListEntry";
DROP TABLE "WaitingListEntry";
ALTER TABLE "new_WaitingListEntry" RENAME TO "WaitingListEntry";
CREATE UNIQUE INDEX "WaitingListEntry_formKey_key" ON "WaitingListEntry"("formKey");
CREATE INDEX "WaitingListEntry_officeId_date_idx" ON "WaitingListEntry"("officeId", "date");
CREATE INDEX "WaitingListEntry_phoneKey_idx" ON "WaitingListEntry"("phoneKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "WaitingOffer_openPlace_key" ON "WaitingOffer"("openPlace");

-- CreateIndex
CREATE UNIQUE INDEX "WaitingOffer_openEntry_key" ON "WaitingOffer"("openEntry");

-- CreateIndex
CREATE UNIQUE INDEX "WaitingOffer_tokenHash_key" ON "WaitingOffer"("tokenHash");

-- CreateIndex
CREATE INDEX "WaitingOffer_officeId_startsAt_idx" ON "WaitingOffer"("officeId", "startsAt");

-- CreateIndex
CREATE INDEX "WaitingOffer_status_expiresAt_idx" ON "WaitingOffer"("status", "expiresAt");
