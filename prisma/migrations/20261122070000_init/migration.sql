-- CreateEnum
CREATE TYPE "Role" AS ENUM ('BUYER', 'GROUP_BUYER', 'MINISTRY_ANALYST', 'ADMIN');

-- CreateEnum
CREATE TYPE "CustomerType" AS ENUM ('OBLIGATED', 'VOLUNTARY');

-- CreateEnum
CREATE TYPE "InstitutionKind" AS ENUM ('STATE_INSTITUTION', 'MUNICIPALITY', 'REGION', 'FOLKETINGET', 'NATIONAL_BANK', 'DIIS', 'HUMAN_RIGHTS_INSTITUTE', 'GREENLAND_SELF_GOVERNMENT', 'FAROE_HOME_RULE', 'SELF_GOVERNING_INSTITUTION');

-- CreateEnum
CREATE TYPE "DataChannel" AS ENUM ('SKS', 'MANUAL');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('MANDATORY_CENTRAL', 'VOLUNTARY_CENTRAL', 'VOLUNTARY_SKI', 'OWN');

-- CreateEnum
CREATE TYPE "PartySource" AS ENUM ('OBLIGATED', 'PHASE_JOIN', 'ENROLMENT', 'OWNER');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('OPEN', 'GRANTED', 'REFUSED');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('AGREEMENT', 'OWN_PROCUREMENT');

-- CreateEnum
CREATE TYPE "SubmissionFormat" AS ENUM ('AGENCY', 'LINES', 'SKS_FEED');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('ACTIVE', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "Ministry" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ministry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" SERIAL NOT NULL,
    "cvr" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "kind" "InstitutionKind" NOT NULL,
    "customerType" "CustomerType" NOT NULL,
    "dataChannel" "DataChannel" NOT NULL DEFAULT 'MANUAL',
    "ministryId" INTEGER NOT NULL,
    "address" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstitutionMembership" (
    "id" SERIAL NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "customerType" "CustomerType" NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,

    CONSTRAINT "InstitutionMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EanLocation" (
    "id" SERIAL NOT NULL,
    "ean" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "accountingInstitution" TEXT,
    "bookingCircle" TEXT,

    CONSTRAINT "EanLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "role" "Role" NOT NULL,
    "institutionId" INTEGER,
    "ministryId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Phase" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tenderYear" INTEGER NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "closed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Phase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hasMandatoryAgreements" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" SERIAL NOT NULL,
    "cvr" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "categoryCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "AgreementKind" NOT NULL,
    "phaseId" INTEGER,
    "validFrom" DATE NOT NULL,
    "validTo" DATE NOT NULL,
    "ownerInstitutionId" INTEGER,
    "ecommerce" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementCategory" (
    "agreementId" INTEGER NOT NULL,
    "categoryCode" TEXT NOT NULL,

    CONSTRAINT "AgreementCategory_pkey" PRIMARY KEY ("agreementId","categoryCode")
);

-- CreateTable
CREATE TABLE "AgreementSupplier" (
    "agreementId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,

    CONSTRAINT "AgreementSupplier_pkey" PRIMARY KEY ("agreementId","supplierId")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "source" "PartySource" NOT NULL,
    "since" DATE NOT NULL,

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" SERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "status" "EnrolmentStatus" NOT NULL DEFAULT 'PENDING',
    "cvr" TEXT NOT NULL,
    "ean" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "signatoryName" TEXT NOT NULL,
    "signedOn" DATE NOT NULL,
    "acceptsNoObligation" BOOLEAN NOT NULL,
    "skemaFileId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnrolmentRow" (
    "id" SERIAL NOT NULL,
    "enrolmentId" INTEGER NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "EnrolmentRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnrolmentEvent" (
    "id" SERIAL NOT NULL,
    "enrolmentId" INTEGER NOT NULL,
    "actorId" INTEGER,
    "fromStatus" "EnrolmentStatus",
    "toStatus" "EnrolmentStatus" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrolmentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JoinPhaseRequest" (
    "id" SERIAL NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "phaseId" INTEGER NOT NULL,
    "agreementId" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',
    "status" "RequestStatus" NOT NULL DEFAULT 'OPEN',
    "requestedById" INTEGER NOT NULL,
    "handledById" INTEGER,
    "handledAt" TIMESTAMP(3),
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinPhaseRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" SERIAL NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "enrolmentId" INTEGER,
    "purpose" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'OPEN',
    "requestedById" INTEGER NOT NULL,
    "handledById" INTEGER,
    "handledAt" TIMESTAMP(3),
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CascadeDecision" (
    "id" SERIAL NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "amountOre" BIGINT NOT NULL,
    "needDate" DATE NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "recommendedAgreementId" INTEGER,
    "chosenAgreementId" INTEGER,
    "deviates" BOOLEAN NOT NULL DEFAULT false,
    "justification" TEXT,
    "explanation" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CascadeDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "quarter" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("quarter")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" SERIAL NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "format" "SubmissionFormat" NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'ACTIVE',
    "fileId" INTEGER,
    "lineCount" INTEGER NOT NULL,
    "totalOre" BIGINT NOT NULL,
    "submittedById" INTEGER,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseLine" (
    "id" BIGSERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "purchaseDate" DATE,
    "supplierCvr" TEXT,
    "supplierName" TEXT NOT NULL,
    "categoryCode" TEXT,
    "amountOre" BIGINT NOT NULL,
    "ecommerce" BOOLEAN NOT NULL DEFAULT false,
    "ean" TEXT,

    CONSTRAINT "PurchaseLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" SERIAL NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "recipientUserId" INTEGER,
    "toEmail" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "sendError" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ministry_code_key" ON "Ministry"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Institution_cvr_key" ON "Institution"("cvr");

-- CreateIndex
CREATE INDEX "Institution_ministryId_idx" ON "Institution"("ministryId");

-- CreateIndex
CREATE INDEX "Institution_sortKey_idx" ON "Institution"("sortKey");

-- CreateIndex
CREATE INDEX "InstitutionMembership_institutionId_validFrom_idx" ON "InstitutionMembership"("institutionId", "validFrom");

-- CreateIndex
CREATE INDEX "InstitutionMembership_ministryId_idx" ON "InstitutionMembership"("ministryId");

-- CreateIndex
CREATE UNIQUE INDEX "EanLocation_ean_key" ON "EanLocation"("ean");

-- CreateIndex
CREATE INDEX "EanLocation_institutionId_idx" ON "EanLocation"("institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "User_institutionId_idx" ON "User"("institutionId");

-- CreateIndex
CREATE INDEX "User_ministryId_role_idx" ON "User"("ministryId", "role");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Phase_number_key" ON "Phase"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_cvr_key" ON "Supplier"("cvr");

-- CreateIndex
CREATE INDEX "Supplier_sortKey_idx" ON "Supplier"("sortKey");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_reference_key" ON "Agreement"("reference");

-- CreateIndex
CREATE INDEX "Agreement_kind_validFrom_validTo_idx" ON "Agreement"("kind", "validFrom", "validTo");

-- CreateIndex
CREATE INDEX "Agreement_phaseId_idx" ON "Agreement"("phaseId");

-- CreateIndex
CREATE INDEX "Agreement_ownerInstitutionId_idx" ON "Agreement"("ownerInstitutionId");

-- CreateIndex
CREATE INDEX "Agreement_sortKey_idx" ON "Agreement"("sortKey");

-- CreateIndex
CREATE INDEX "AgreementCategory_categoryCode_idx" ON "AgreementCategory"("categoryCode");

-- CreateIndex
CREATE INDEX "AgreementSupplier_supplierId_idx" ON "AgreementSupplier"("supplierId");

-- CreateIndex
CREATE INDEX "AgreementParty_institutionId_idx" ON "AgreementParty"("institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementParty_agreementId_institutionId_key" ON "AgreementParty"("agreementId", "institutionId");

-- CreateIndex
CREATE INDEX "Enrolment_institutionId_agreementId_status_idx" ON "Enrolment"("institutionId", "agreementId", "status");

-- CreateIndex
CREATE INDEX "Enrolment_status_createdAt_idx" ON "Enrolment"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EnrolmentRow_enrolmentId_rowNumber_key" ON "EnrolmentRow"("enrolmentId", "rowNumber");

-- CreateIndex
CREATE INDEX "EnrolmentEvent_enrolmentId_createdAt_idx" ON "EnrolmentEvent"("enrolmentId", "createdAt");

-- CreateIndex
CREATE INDEX "JoinPhaseRequest_institutionId_idx" ON "JoinPhaseRequest"("institutionId");

-- CreateIndex
CREATE INDEX "JoinPhaseRequest_status_createdAt_idx" ON "JoinPhaseRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_institutionId_idx" ON "AccessRequest"("institutionId");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CascadeDecision_institutionId_createdAt_idx" ON "CascadeDecision"("institutionId", "createdAt");

-- CreateIndex
CREATE INDEX "CascadeDecision_createdAt_idx" ON "CascadeDecision"("createdAt");

-- CreateIndex
CREATE INDEX "Submission_institutionId_quarter_status_idx" ON "Submission"("institutionId", "quarter", "status");

-- CreateIndex
CREATE INDEX "Submission_quarter_idx" ON "Submission"("quarter");

-- CreateIndex
CREATE INDEX "PurchaseLine_ministryId_quarter_idx" ON "PurchaseLine"("ministryId", "quarter");

-- CreateIndex
CREATE INDEX "PurchaseLine_institutionId_quarter_idx" ON "PurchaseLine"("institutionId", "quarter");

-- CreateIndex
CREATE INDEX "PurchaseLine_submissionId_idx" ON "PurchaseLine"("submissionId");

-- CreateIndex
CREATE INDEX "PurchaseLine_supplierCvr_idx" ON "PurchaseLine"("supplierCvr");

-- CreateIndex
CREATE INDEX "Reservation_ministryId_quarter_idx" ON "Reservation"("ministryId", "quarter");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipientUserId_createdAt_idx" ON "OutboxMessage"("recipientUserId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_sentAt_idx" ON "OutboxMessage"("sentAt");

-- AddForeignKey
ALTER TABLE "Institution" ADD CONSTRAINT "Institution_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstitutionMembership" ADD CONSTRAINT "InstitutionMembership_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstitutionMembership" ADD CONSTRAINT "InstitutionMembership_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EanLocation" ADD CONSTRAINT "EanLocation_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_ownerInstitutionId_fkey" FOREIGN KEY ("ownerInstitutionId") REFERENCES "Institution"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementCategory" ADD CONSTRAINT "AgreementCategory_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementCategory" ADD CONSTRAINT "AgreementCategory_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSupplier" ADD CONSTRAINT "AgreementSupplier_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSupplier" ADD CONSTRAINT "AgreementSupplier_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_skemaFileId_fkey" FOREIGN KEY ("skemaFileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentRow" ADD CONSTRAINT "EnrolmentRow_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentEvent" ADD CONSTRAINT "EnrolmentEvent_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinPhaseRequest" ADD CONSTRAINT "JoinPhaseRequest_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinPhaseRequest" ADD CONSTRAINT "JoinPhaseRequest_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinPhaseRequest" ADD CONSTRAINT "JoinPhaseRequest_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CascadeDecision" ADD CONSTRAINT "CascadeDecision_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CascadeDecision" ADD CONSTRAINT "CascadeDecision_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CascadeDecision" ADD CONSTRAINT "CascadeDecision_recommendedAgreementId_fkey" FOREIGN KEY ("recommendedAgreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CascadeDecision" ADD CONSTRAINT "CascadeDecision_chosenAgreementId_fkey" FOREIGN KEY ("chosenAgreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
