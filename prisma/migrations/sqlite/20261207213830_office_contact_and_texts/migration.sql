-- AlterTable
ALTER TABLE "Office" ADD COLUMN "contactConfirmedAt" DATETIME;
ALTER TABLE "Office" ADD COLUMN "deskHours" TEXT;

-- CreateTable
CREATE TABLE "OfficeText" (
    "officeId" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT,
    "directions" TEXT,
    "machineDraft" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("officeId", "locale"),
    CONSTRAINT "OfficeText_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
