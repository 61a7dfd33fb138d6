-- Debugging from the editor: outputs pinned per block, and which execution a partial run reused outputs from.
-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "sourceExecutionId" TEXT;

-- CreateTable
CREATE TABLE "BlockPin" (
    "workflowId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "output" JSON NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BlockPin_pkey" PRIMARY KEY ("workflowId","blockId")
);

-- AddForeignKey
ALTER TABLE "BlockPin" ADD CONSTRAINT "BlockPin_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
