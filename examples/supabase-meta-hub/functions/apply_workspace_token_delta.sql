
BEGIN
  RETURN QUERY
  UPDATE public.workspace_token_balances AS b
     SET balance = b.balance + p_delta
   WHERE b.workspace_id = p_workspace_id
  RETURNING b.workspace_id, b.balance;
END;
