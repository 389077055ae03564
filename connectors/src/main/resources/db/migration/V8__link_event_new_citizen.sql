-- A source record that founded a golden citizen of its own is linked with reason NEW (before: LINKED,
-- like a record linked to a known citizen). Earlier history is read the same way: the first event
-- that placed any record on a citizen founded it.
UPDATE link_event SET reason = 'NEW'
WHERE reason = 'LINKED' AND from_citizen_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM link_event earlier
                  WHERE earlier.to_citizen_id = link_event.to_citizen_id AND earlier.id < link_event.id);
