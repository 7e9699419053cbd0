-- AlterTable
ALTER TABLE "WaitingListEntry" ADD COLUMN     "email" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'nl',
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "phoneKey" TEXT,
ADD COLUMN     "smsConsent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WaitingOffer" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "placeBookingId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openPlace" INTEGER,
    "openEntry" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "tokenSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "answeredBy" TEXT,
    "bookingId" INTEGER,

    CONSTRAINT "WaitingOffer_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "WaitingListEntry_phoneKey_idx" ON "WaitingListEntry"("phoneKey");

-- AddForeignKey
ALTER TABLE "WaitingOffer" ADD CONSTRAINT "WaitingOffer_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WaitingListEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The day list is kept by each app server until a table it shows changes (src/db/postgres/changes.ts).
CREATE TRIGGER "WaitingOffer_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "WaitingOffer" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
