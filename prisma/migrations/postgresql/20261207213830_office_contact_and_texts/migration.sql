-- AlterTable
ALTER TABLE "Office" ADD COLUMN     "contactConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "deskHours" TEXT;

-- CreateTable
CREATE TABLE "OfficeText" (
    "officeId" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT,
    "directions" TEXT,
    "machineDraft" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OfficeText_pkey" PRIMARY KEY ("officeId","locale")
);

-- AddForeignKey
ALTER TABLE "OfficeText" ADD CONSTRAINT "OfficeText_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma does not model these): office texts are read through the
-- offices' read cache, so other app servers must hear of a change (see the init migration).
CREATE TRIGGER "OfficeText_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OfficeText" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
