-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "emailKey" TEXT;
ALTER TABLE "Booking" ADD COLUMN "phoneKey" TEXT;

-- CreateIndex
CREATE INDEX "Booking_emailKey_idx" ON "Booking"("emailKey");

-- CreateIndex
CREATE INDEX "Booking_phoneKey_idx" ON "Booking"("phoneKey");
