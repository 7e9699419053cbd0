-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "bookingId" INTEGER NOT NULL,
    "calledAt" DATETIME,
    "calledTo" TEXT,
    "calledBy" INTEGER,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "QueueTicket_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "QueueTicket_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QueueCounter" (
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    PRIMARY KEY ("officeId", "date")
);

-- CreateTable
CREATE TABLE "CallingScreen" (
    "officeId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CallingScreen_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_bookingId_key" ON "QueueTicket"("bookingId");

-- CreateIndex
CREATE INDEX "QueueTicket_officeId_date_calledAt_idx" ON "QueueTicket"("officeId", "date", "calledAt");

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_officeId_date_number_key" ON "QueueTicket"("officeId", "date", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CallingScreen_tokenHash_key" ON "CallingScreen"("tokenHash");
