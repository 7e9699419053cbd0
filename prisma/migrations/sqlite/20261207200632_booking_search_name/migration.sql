-- DropIndex
DROP INDEX "Booking_officeId_startsAt_idx";

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "searchName" TEXT;

-- CreateIndex
CREATE INDEX "Booking_officeId_startsAt_searchName_idx" ON "Booking"("officeId", "startsAt", "searchName");
