-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "deliveryReportedAt" TIMESTAMP(3),
ADD COLUMN     "deliveryStatus" TEXT,
ADD COLUMN     "providerMessageId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_providerMessageId_idx" ON "OutboxMessage"("providerMessageId");
