-- Executions started per workspace in the current minute, shared by every server process (queue mode, several web
-- instances), instead of one count per process.
-- CreateTable
CREATE TABLE "ExecutionRateWindow" (
    "workspaceId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ExecutionRateWindow_pkey" PRIMARY KEY ("workspaceId")
);
