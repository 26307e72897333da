-- 0008 The attendance check-in in one round trip (ADR 0009; BENCHMARKS.md "Attendance check-in").
-- The server verifies the QR token's MAC and slot first (src/domain/training/qrToken.ts); this function then
-- serialises the person's scans (advisory lock), and — each statement reading fresh data after the lock —
-- checks the session, the class, the enrolment and the last scan, and inserts. It answers a result code; the
-- use case turns any refusal into its error (and, on that path only, looks further for the precise message).

CREATE FUNCTION jineng_scan(p_worker uuid, p_class uuid, p_session uuid, p_kind text, p_slot bigint, p_at timestamptz, p_ip text, p_tolerance_minutes integer, p_id uuid)
RETURNS TABLE (result text, seq integer, class_name text, last_at timestamptz, opens timestamptz, closes timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s record;
  last_kind text;
  last_slot bigint;
  last_at timestamptz;
  has_last boolean;
  tol interval := make_interval(mins => p_tolerance_minutes);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_worker::text));
  SELECT cs.seq, cs.starts_at, cs.ends_at, c.status, c.name INTO s
    FROM class_sessions cs JOIN training_classes c ON c.id = cs.class_id
    WHERE cs.id = p_session AND cs.class_id = p_class;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'wrong_session'::text, NULL::integer, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF p_at < s.starts_at - tol THEN
    RETURN QUERY SELECT 'not_open'::text, s.seq, s.name, NULL::timestamptz, s.starts_at - tol, s.ends_at + tol;
    RETURN;
  END IF;
  IF p_at > s.ends_at + tol THEN
    RETURN QUERY SELECT 'outside'::text, s.seq, s.name, NULL::timestamptz, s.starts_at - tol, s.ends_at + tol;
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = p_class AND e.worker_id = p_worker AND e.status = 'active') THEN
    RETURN QUERY SELECT 'not_enrolled'::text, s.seq, s.name, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF s.status <> 'in_progress' THEN
    RETURN QUERY SELECT ('not_running:' || s.status)::text, s.seq, s.name, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT a.kind, a.slot, a.at INTO last_kind, last_slot, last_at FROM attendance_scans a WHERE a.session_id = p_session AND a.worker_id = p_worker ORDER BY a.at DESC LIMIT 1;
  has_last := FOUND;
  IF has_last AND last_kind = p_kind AND last_slot = p_slot THEN
    RETURN QUERY SELECT 'replayed'::text, s.seq, s.name, last_at, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF p_kind = 'in' AND has_last AND last_kind = 'in' THEN
    RETURN QUERY SELECT 'already_in'::text, s.seq, s.name, last_at, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF p_kind = 'out' AND (NOT has_last OR last_kind <> 'in') THEN
    RETURN QUERY SELECT 'not_in'::text, s.seq, s.name, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  INSERT INTO attendance_scans (id, class_id, session_id, worker_id, kind, slot, at, ip)
    VALUES (p_id, p_class, p_session, p_worker, p_kind, p_slot, p_at, p_ip)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'replayed'::text, s.seq, s.name, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  RETURN QUERY SELECT 'ok'::text, s.seq, s.name, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
END;
$$;

-- The class is implied by the session (same class checked above): one foreign key less to lock per scan, and
-- the unique (session, worker, kind, slot) index serves the "last scan" lookup's leading columns.
ALTER TABLE attendance_scans DROP CONSTRAINT attendance_scans_class_id_fkey;
