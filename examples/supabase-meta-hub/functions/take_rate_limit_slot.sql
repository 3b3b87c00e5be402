
DECLARE
  w timestamptz := to_timestamp(floor(extract(epoch FROM now()) / p_window_seconds) * p_window_seconds);
  n integer;
BEGIN
  INSERT INTO public.rate_limit_counters AS c (key, window_start, count) VALUES (p_key, w, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
  RETURNING c.count INTO n;
  RETURN n <= p_cap;
END;
