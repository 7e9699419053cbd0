-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "smsConsent" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'email';
