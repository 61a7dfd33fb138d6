-- Numbered versions apart from draft revisions: a version used to carry the draft revision it was deployed from
-- ("version 47" on a first deploy); now versions count 1, 2, 3… per workflow and remember that revision beside.
ALTER TABLE "WorkflowVersion" ADD COLUMN "draftVersion" INTEGER;
ALTER TABLE "WorkflowVersion" ADD COLUMN "note" TEXT;
UPDATE "WorkflowVersion" SET "draftVersion" = "version";
ALTER TABLE "WorkflowVersion" ALTER COLUMN "draftVersion" SET NOT NULL;

-- Renumber in creation order; negative first so no row collides with an old number on the unique index meanwhile.
UPDATE "WorkflowVersion" SET "version" = -"version";
UPDATE "WorkflowVersion" AS v SET "version" = n."number"
  FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "workflowId" ORDER BY "createdAt", -"version") AS "number" FROM "WorkflowVersion") AS n
 WHERE v."id" = n."id";

-- Executions of a snapshot show its new number.
UPDATE "Execution" AS e SET "version" = v."version" FROM "WorkflowVersion" AS v WHERE e."versionId" = v."id";
