-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ExceptionKind" AS ENUM ('CANCEL', 'CHANGE', 'EXTRA', 'CLOSURE', 'HOLIDAY_OPEN');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('BOOKED', 'CANCELLED', 'ATTENDED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "BookingChannel" AS ENUM ('SELF', 'CASEWORKER', 'STAFF', 'WALK_IN');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ADMIN', 'OFFICER', 'RECEPTION');

-- CreateTable
CREATE TABLE "Office" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Office_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationSeries" (
    "id" SERIAL NOT NULL,
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
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsultationSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleException" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "seriesId" INTEGER,
    "kind" "ExceptionKind" NOT NULL,
    "date" TEXT NOT NULL,
    "endDate" TEXT,
    "startTime" TEXT,
    "endTime" TEXT,
    "slotMinutes" INTEGER,
    "capacity" INTEGER,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduleException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "manageTokenHash" TEXT NOT NULL,
    "manageTokenSealed" TEXT,
    "officeId" INTEGER NOT NULL,
    "seriesId" INTEGER,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "seat" INTEGER,
    "status" "BookingStatus" NOT NULL DEFAULT 'BOOKED',
    "channel" "BookingChannel" NOT NULL,
    "locale" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "interpreterNeeded" BOOLEAN NOT NULL,
    "name" TEXT,
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
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "cancelReason" TEXT,
    "checkedInAt" TIMESTAMP(3),
    "outcomeAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "bookingId" INTEGER,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "recipient" TEXT,
    "locale" TEXT NOT NULL,
    "payload" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "feedTokenHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUserOffice" (
    "userId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,

    CONSTRAINT "StaffUserOffice_pkey" PRIMARY KEY ("userId","officeId")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "idHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "officeId" INTEGER,
    "detail" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitingListEntry" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "sessionStart" TEXT NOT NULL,
    "name" TEXT,
    "language" TEXT NOT NULL,
    "interpreterNeeded" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "formKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "WaitingListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedUntil" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "LimitCounter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LimitCounter_pkey" PRIMARY KEY ("key")
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
CREATE INDEX "Booking_emailKey_idx" ON "Booking"("emailKey");

-- CreateIndex
CREATE INDEX "Booking_phoneKey_idx" ON "Booking"("phoneKey");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_officeId_startsAt_seat_key" ON "Booking"("officeId", "startsAt", "seat");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_bookingId_idx" ON "OutboxMessage"("bookingId");

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
CREATE UNIQUE INDEX "WaitingListEntry_formKey_key" ON "WaitingListEntry"("formKey");

-- CreateIndex
CREATE INDEX "WaitingListEntry_officeId_date_idx" ON "WaitingListEntry"("officeId", "date");

-- CreateIndex
CREATE INDEX "LimitCounter_lastAt_idx" ON "LimitCounter"("lastAt");

-- AddForeignKey
ALTER TABLE "ConsultationSeries" ADD CONSTRAINT "ConsultationSeries_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationSeries" ADD CONSTRAINT "ConsultationSeries_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleException" ADD CONSTRAINT "ScheduleException_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleException" ADD CONSTRAINT "ScheduleException_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ConsultationSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ConsultationSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUserOffice" ADD CONSTRAINT "StaffUserOffice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUserOffice" ADD CONSTRAINT "StaffUserOffice_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitingListEntry" ADD CONSTRAINT "WaitingListEntry_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (Prisma does not model these).
-- Every app server keeps some pages and staff sessions as they were read, until one of
-- the tables behind them changes. A write by another server must reach them too: each
-- statement on such a table announces the table on the channel "spreekuur_changes",
-- delivered when its transaction commits (src/db/postgres/changes.ts listens).
CREATE FUNCTION "spreekuur_announce_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('spreekuur_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Office_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Office" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "ConsultationSeries_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ConsultationSeries" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "ScheduleException_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ScheduleException" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "Booking_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Booking" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "WaitingListEntry_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "WaitingListEntry" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "StaffUser_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StaffUser" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "StaffUserOffice_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StaffUserOffice" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
CREATE TRIGGER "StaffSession_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StaffSession" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();

-- Counters of rate limits are worth nothing after a crash: no write-ahead log for them.
ALTER TABLE "LimitCounter" SET UNLOGGED;
