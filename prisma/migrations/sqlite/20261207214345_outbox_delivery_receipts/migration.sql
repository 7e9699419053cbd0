-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryReportedAt" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryStatus" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "providerMessageId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_providerMessageId_idx" ON "OutboxMessage"("providerMessageId");
