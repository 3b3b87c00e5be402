
BEGIN
  RAISE EXCEPTION 'reactions are permanent';
END;
