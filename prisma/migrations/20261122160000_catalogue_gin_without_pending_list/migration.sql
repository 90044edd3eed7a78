-- The catalogue's GIN indexes without a pending list (fastupdate off). With the list on, rows
-- written since the last VACUUM wait unsorted in it; every search then reads the whole list and the
-- planner prices the indexes so high that it scans all agreements instead (measured: 20-60 ms a
-- search against 0.4 ms over the indexes after 5,000 imported agreements). Agreements change
-- seldom, so paying for the index entries at write time is the better trade.
ALTER INDEX "Agreement_searchVector_idx" SET (fastupdate = off);
ALTER INDEX "Agreement_searchText_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Agreement_name_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Agreement_searchVector_idx"'::regclass);
SELECT gin_clean_pending_list('"Agreement_searchText_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Agreement_name_trgm_idx"'::regclass);
