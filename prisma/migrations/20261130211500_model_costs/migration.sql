-- What executions cost: per block and per execution, from token usage and a price per model (built in, or the
-- workspace's own).
-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "costUsd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "BlockLog" ADD COLUMN "costUsd" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ModelPrice" (
    "workspaceId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputPerMillion" DOUBLE PRECISION NOT NULL,
    "outputPerMillion" DOUBLE PRECISION NOT NULL,
    "cachedInputPerMillion" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("workspaceId","model")
);

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
