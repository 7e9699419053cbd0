-- CreateTable
CREATE TABLE "SmsPart" (
    "outboxId" INTEGER NOT NULL,
    "part" INTEGER NOT NULL,
    "providerMessageId" TEXT NOT NULL,
    "deliveryStatus" TEXT,

    PRIMARY KEY ("outboxId", "part"),
    CONSTRAINT "SmsPart_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SmsPart_providerMessageId_idx" ON "SmsPart"("providerMessageId");
