-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "checkedInAt" DATETIME;
ALTER TABLE "Booking" ADD COLUMN "outcomeAt" DATETIME;

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "feedTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StaffUserOffice" (
    "userId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "officeId"),
    CONSTRAINT "StaffUserOffice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffUserOffice_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "StaffSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "officeId" INTEGER,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "WaitingListEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "sessionStart" TEXT NOT NULL,
    "name" TEXT,
    "language" TEXT NOT NULL,
    "interpreterNeeded" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "createdAt" DATETIME NOT NULL,
    "erasedAt" DATETIME,
    CONSTRAINT "WaitingListEntry_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConsultationSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "weekdays" TEXT NOT NULL,
    "intervalWeeks" INTEGER NOT NULL DEFAULT 1,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "walkInPlaces" INTEGER NOT NULL DEFAULT 0,
    "validFrom" TEXT NOT NULL,
    "validUntil" TEXT,
    "horizonDays" INTEGER NOT NULL DEFAULT 84,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "hostId" INTEGER,
    "endedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ConsultationSeries_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ConsultationSeries_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ConsultationSeries" ("capacity", "createdAt", "endTime", "horizonDays", "hostId", "id", "intervalWeeks", "minNoticeMinutes", "officeId", "slotMinutes", "startTime", "validFrom", "validUntil", "walkInPlaces", "weekdays") SELECT "capacity", "createdAt", "endTime", "horizonDays", "hostId", "id", "intervalWeeks", "minNoticeMinutes", "officeId", "slotMinutes", "startTime", "validFrom", "validUntil", "walkInPlaces", "weekdays" FROM "ConsultationSeries";
DROP TABLE "ConsultationSeries";
ALTER TABLE "new_ConsultationSeries" RENAME TO "ConsultationSeries";
CREATE INDEX "ConsultationSeries_officeId_idx" ON "ConsultationSeries"("officeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_feedTokenHash_key" ON "StaffUser"("feedTokenHash");

-- CreateIndex
CREATE INDEX "StaffSession_userId_idx" ON "StaffSession"("userId");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "WaitingListEntry_officeId_date_idx" ON "WaitingListEntry"("officeId", "date");
