-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "dueAt" DATETIME NOT NULL,
    "claimedUntil" DATETIME,
    "lastRunAt" DATETIME
);

-- CreateTable
CREATE TABLE "LimitCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LimitCounter_lastAt_idx" ON "LimitCounter"("lastAt");
