-- The staff search matches part of a name (LIKE %…%); pg_trgm indexes the trigrams of
-- the folded names so such a search reads only candidate rows. pg_trgm is a trusted
-- extension: the owner of the database may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Booking_searchName_trgm_idx" ON "Booking" USING GIN ("searchName" gin_trgm_ops);
