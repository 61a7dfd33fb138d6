-- Full-text search over what an execution received, returned and failed with. A generated column keeps it in
-- step with every write; capped so a huge output cannot exceed what a tsvector holds.
ALTER TABLE "Execution" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, left(coalesce("input"::text, '') || ' ' || coalesce("output"::text, '') || ' ' || coalesce("error"::text, ''), 200000))
) STORED;

-- CreateIndex
CREATE INDEX "Execution_searchVector_idx" ON "Execution" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Execution_workspaceId_trigger_createdAt_idx" ON "Execution"("workspaceId", "trigger", "createdAt");

-- CreateIndex
CREATE INDEX "Execution_workflowId_status_createdAt_idx" ON "Execution"("workflowId", "status", "createdAt");
