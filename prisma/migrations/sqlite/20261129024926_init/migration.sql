-- CreateTable
CREATE TABLE "Office" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isHeadOffice" BOOLEAN NOT NULL DEFAULT false,
    "street" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "phone" TEXT,
    "email" TEXT,
    "directions" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConsultationSeries" (
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
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ConsultationSeries_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduleException" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "seriesId" INTEGER,
    "kind" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "endDate" TEXT,
    "startTime" TEXT,
    "endTime" TEXT,
    "slotMinutes" INTEGER,
    "capacity" INTEGER,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ScheduleException_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ScheduleException_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ConsultationSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "manageTokenHash" TEXT NOT NULL,
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
    "phone" TEXT,
    "email" TEXT,
    "note" TEXT,
    "referrerOrgType" TEXT,
    "referrerOrgName" TEXT,
    "referrerName" TEXT,
    "referrerEmail" TEXT,
    "contactViaReferrer" BOOLEAN NOT NULL DEFAULT false,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "cancelledBy" TEXT,
    "cancelReason" TEXT,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Booking_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ConsultationSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Office_slug_key" ON "Office"("slug");

-- CreateIndex
CREATE INDEX "ConsultationSeries_officeId_idx" ON "ConsultationSeries"("officeId");

-- CreateIndex
CREATE INDEX "ScheduleException_officeId_date_idx" ON "ScheduleException"("officeId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_code_key" ON "Booking"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_manageTokenHash_key" ON "Booking"("manageTokenHash");

-- CreateIndex
CREATE INDEX "Booking_officeId_startsAt_idx" ON "Booking"("officeId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_officeId_startsAt_seat_key" ON "Booking"("officeId", "startsAt", "seat");
