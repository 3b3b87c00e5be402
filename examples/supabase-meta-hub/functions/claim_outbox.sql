
  UPDATE public.outbox_messages o
     SET status = 'sending', claimed_by = p_worker
   WHERE o.id IN (SELECT id FROM public.outbox_messages
                   WHERE status = 'queued'
                   ORDER BY created_at
                   LIMIT p_limit
                   FOR UPDATE SKIP LOCKED)
  RETURNING o.*;
