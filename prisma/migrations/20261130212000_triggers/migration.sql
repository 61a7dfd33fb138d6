-- Standing triggers (schedules, webhooks, forms), the delivery ids a webhook accepted, and which trigger started
-- an execution.
-- AlterEnum
ALTER TYPE "ExecutionTrigger" ADD VALUE 'schedule';
ALTER TYPE "ExecutionTrigger" ADD VALUE 'form';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "triggerId" TEXT;

-- CreateTable
CREATE TABLE "Trigger" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL,
    "secretHash" TEXT,
    "secretEncrypted" TEXT,
    "nextRunAt" TIMESTAMP(3),
    "lastFiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TriggerDelivery" (
    "triggerId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TriggerDelivery_pkey" PRIMARY KEY ("triggerId","deliveryId")
);

-- CreateIndex
CREATE INDEX "Trigger_workflowId_createdAt_idx" ON "Trigger"("workflowId", "createdAt");

-- CreateIndex
CREATE INDEX "Trigger_kind_enabled_nextRunAt_idx" ON "Trigger"("kind", "enabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "TriggerDelivery_createdAt_idx" ON "TriggerDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "Execution_triggerId_status_idx" ON "Execution"("triggerId", "status");

-- AddForeignKey
ALTER TABLE "Trigger" ADD CONSTRAINT "Trigger_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trigger" ADD CONSTRAINT "Trigger_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriggerDelivery" ADD CONSTRAINT "TriggerDelivery_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "Trigger"("id") ON DELETE CASCADE ON UPDATE CASCADE;
