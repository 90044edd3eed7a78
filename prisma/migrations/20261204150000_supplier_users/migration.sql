-- Supplier users (issue 13, deliverable 1): a SUPPLIER user belongs to exactly one supplier company.
ALTER TYPE "Role" ADD VALUE 'SUPPLIER';

ALTER TABLE "User" ADD COLUMN "supplierId" INTEGER;

ALTER TABLE "User" ADD CONSTRAINT "User_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE INDEX "User_supplierId_idx" ON "User"("supplierId");

-- A supplier user has its company and nobody else has one. The role is compared as text because a
-- value added to an enum cannot be used in the transaction that adds it.
ALTER TABLE "User" ADD CONSTRAINT "User_supplier_role_check" CHECK (("role"::text = 'SUPPLIER') = ("supplierId" IS NOT NULL));
