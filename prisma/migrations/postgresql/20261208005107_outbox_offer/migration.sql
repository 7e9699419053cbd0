-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "offerId" INTEGER;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "WaitingOffer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
