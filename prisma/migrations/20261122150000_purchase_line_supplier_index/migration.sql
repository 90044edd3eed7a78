-- Purchase lines lose their index on "supplierCvr" (issue 6, the import's speed).
--
-- Every large import builds each index of "PurchaseLine" on its new partition when it is attached
-- (docs/decisions/0005): this one, on a text column, was the most costly of the five (0.9-1.4 s per
-- million lines here). Nothing looks lines up by supplier alone: the compliance rollup
-- (compliance_refresh) joins the supplier by CVR over a whole quarter's lines, and the line trails
-- (lib/compliance/trail.ts) filter by supplier only together with quarter and ministry, which the
-- index on ("ministryId", "quarter") serves. Dropping it on the parent drops it on every partition.
DROP INDEX "PurchaseLine_supplierCvr_idx";
