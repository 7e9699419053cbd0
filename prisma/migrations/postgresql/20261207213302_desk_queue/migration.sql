-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "bookingId" INTEGER NOT NULL,
    "calledAt" TIMESTAMP(3),
    "calledTo" TEXT,
    "calledBy" INTEGER,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueCounter" (
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "QueueCounter_pkey" PRIMARY KEY ("officeId","date")
);

-- CreateTable
CREATE TABLE "CallingScreen" (
    "officeId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallingScreen_pkey" PRIMARY KEY ("officeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_bookingId_key" ON "QueueTicket"("bookingId");

-- CreateIndex
CREATE INDEX "QueueTicket_officeId_date_calledAt_idx" ON "QueueTicket"("officeId", "date", "calledAt");

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_officeId_date_number_key" ON "QueueTicket"("officeId", "date", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CallingScreen_tokenHash_key" ON "CallingScreen"("tokenHash");

-- AddForeignKey
ALTER TABLE "QueueTicket" ADD CONSTRAINT "QueueTicket_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueTicket" ADD CONSTRAINT "QueueTicket_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallingScreen" ADD CONSTRAINT "CallingScreen_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: the day list is kept per server until a table behind it changes; a
-- number given or called by another server must reach it too (see the init migration).
CREATE TRIGGER "QueueTicket_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "QueueTicket" FOR EACH STATEMENT EXECUTE FUNCTION "spreekuur_announce_change"();
