-- 0009 Lighter attendance writes (BENCHMARKS.md "Attendance check-in"). Every trainee of a class checks in to
-- the same session within minutes: a foreign key to class_sessions makes each insert lock that one shared row
-- (FOR KEY SHARE → multixacts under load). jineng_scan checks the session itself under the person's lock, and
-- sessions are never deleted, so the key is dropped. One unique index serves both the replay guard and the
-- "last scan of this person in this session" lookup; the class index gives way to a lookup through the sessions.
ALTER TABLE attendance_scans DROP CONSTRAINT attendance_scans_session_id_fkey;
ALTER TABLE attendance_scans DROP CONSTRAINT attendance_scans_session_id_worker_id_kind_slot_key;
DROP INDEX attendance_scans_session_worker;
DROP INDEX attendance_scans_class;
CREATE UNIQUE INDEX attendance_scans_once ON attendance_scans (session_id, worker_id, slot, kind);
