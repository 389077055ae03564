-- What a golden record's writers and readers need without parsing its JSON:
--   survivors     the source system each surviving field was taken from ("NAME=POPULATION;PHONE=PORTAL;...");
--                 a new source record that ranks below every survivor it has a value for joins the citizen
--                 without a rebuild of the golden record. NULL (rows written before this version): unknown,
--                 the next write of the citizen rebuilds it and fills the column.
--   household_id  the household of the golden record (school guardians are linked through it).
-- The golden JSON no longer lists its source records: source_record.citizen_id is the one place that says
-- which records belong to a citizen, and readers of a golden record add them from there.
ALTER TABLE citizen ADD COLUMN survivors VARCHAR(1000);
ALTER TABLE citizen ADD COLUMN household_id VARCHAR(64);

-- The system of each link event's source record, so that identity counts per system need no join
-- (the text before the first ':' of the source key, e.g. POPULATION:048090001234).
ALTER TABLE link_event ADD COLUMN source_system VARCHAR(20);
UPDATE link_event SET source_system = SUBSTRING(source_key FROM 1 FOR POSITION(':' IN source_key) - 1);

-- Nothing looks link events up by the citizen they went to (V8 was the last); one index less to
-- maintain for every source record placed.
DROP INDEX link_event_to;
