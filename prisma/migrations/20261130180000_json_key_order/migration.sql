-- Graphs, execution inputs and outputs, block log values and events keep the key order their author gave them:
-- jsonb sorts object keys, json keeps the text as written. The search column reads "input" and "output", so it
-- is dropped and built again around the type change (same expression: json::text is the text as written).
ALTER TABLE "Execution" DROP COLUMN "searchVector";

ALTER TABLE "Workflow" ALTER COLUMN "graph" TYPE JSON USING "graph"::json;
ALTER TABLE "WorkflowVersion" ALTER COLUMN "graph" TYPE JSON USING "graph"::json;
ALTER TABLE "Execution"
    ALTER COLUMN "graph" TYPE JSON USING "graph"::json,
    ALTER COLUMN "input" TYPE JSON USING "input"::json,
    ALTER COLUMN "output" TYPE JSON USING "output"::json,
    ALTER COLUMN "blockOutputs" TYPE JSON USING "blockOutputs"::json;
ALTER TABLE "BlockLog"
    ALTER COLUMN "input" TYPE JSON USING "input"::json,
    ALTER COLUMN "output" TYPE JSON USING "output"::json;
ALTER TABLE "ExecutionEvent" ALTER COLUMN "data" TYPE JSON USING "data"::json;

ALTER TABLE "Execution" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, left(coalesce("input"::text, '') || ' ' || coalesce("output"::text, '') || ' ' || coalesce("error"::text, ''), 200000))
) STORED;
CREATE INDEX "Execution_searchVector_idx" ON "Execution" USING GIN ("searchVector");
