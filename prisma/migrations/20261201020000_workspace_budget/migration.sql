-- A monthly budget per workspace: warn from a share of it, optionally stop model calls once it is spent.
-- CreateTable
CREATE TABLE "WorkspaceBudget" (
    "workspaceId" TEXT NOT NULL,
    "monthlyUsd" DOUBLE PRECISION NOT NULL,
    "warnPercent" INTEGER NOT NULL DEFAULT 80,
    "stopLlmCalls" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkspaceBudget_pkey" PRIMARY KEY ("workspaceId")
);

-- AddForeignKey
ALTER TABLE "WorkspaceBudget" ADD CONSTRAINT "WorkspaceBudget_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
