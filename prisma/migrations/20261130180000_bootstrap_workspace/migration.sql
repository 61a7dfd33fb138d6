-- The bootstrap API key used to attach to whichever workspace was named "default", so a person who named theirs
-- so first captured the operator's key. It now belongs only to the workspace bootstrap itself created.
-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "bootstrap" BOOLEAN NOT NULL DEFAULT false;

-- Existing installs: a workspace bootstrap created had no members yet when its key was made (people can only have
-- been invited later); a person's workspace that captured the key already had its owner. The server moves a
-- captured key into a workspace of its own at the next start.
UPDATE "Workspace" AS w SET "bootstrap" = true
WHERE EXISTS (
    SELECT 1 FROM "ApiKey" AS k
    WHERE k."workspaceId" = w."id" AND k."createdById" IS NULL AND k."name" = 'Bootstrap key (WEFT_BOOTSTRAP_API_KEY)'
      AND NOT EXISTS (SELECT 1 FROM "Membership" AS m WHERE m."workspaceId" = w."id" AND m."createdAt" <= k."createdAt")
);
