-- An execution's page lists the runs that re-ran it (or reused its outputs): looked up by their source.
-- CreateIndex
CREATE INDEX "Execution_sourceExecutionId_idx" ON "Execution"("sourceExecutionId");
