-- Control-flow blocks: executions that wait (approval, long waits) without a process, sub-workflow runs linked
-- to the block that called them, and one block log per loop iteration.
-- AlterEnum
ALTER TYPE "ExecutionStatus" ADD VALUE 'waiting';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "parentBlockId" TEXT,
ADD COLUMN     "parentExecutionId" TEXT,
ADD COLUMN     "waitingOn" JSONB;

-- AlterTable
ALTER TABLE "BlockLog" ADD COLUMN     "iteration" TEXT NOT NULL DEFAULT '';

-- DropIndex
DROP INDEX "BlockLog_executionId_blockId_key";

-- CreateIndex
CREATE UNIQUE INDEX "BlockLog_executionId_blockId_iteration_key" ON "BlockLog"("executionId", "blockId", "iteration");

-- CreateIndex
CREATE INDEX "Execution_parentExecutionId_idx" ON "Execution"("parentExecutionId");
