-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "referrerLocale" TEXT;

-- AlterTable
ALTER TABLE "WaitingListEntry" ADD COLUMN "formKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WaitingListEntry_formKey_key" ON "WaitingListEntry"("formKey");
