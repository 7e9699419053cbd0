-- CreateTable
CREATE TABLE "SmsPart" (
    "outboxId" INTEGER NOT NULL,
    "part" INTEGER NOT NULL,
    "providerMessageId" TEXT NOT NULL,
    "deliveryStatus" TEXT,

    CONSTRAINT "SmsPart_pkey" PRIMARY KEY ("outboxId","part")
);

-- CreateIndex
CREATE INDEX "SmsPart_providerMessageId_idx" ON "SmsPart"("providerMessageId");

-- AddForeignKey
ALTER TABLE "SmsPart" ADD CONSTRAINT "SmsPart_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
