-- An answer that stopped after its first token (the model went silent or failed, or the client left) is kept with
-- the text the user saw, marked as interrupted, never as if it were complete.
ALTER TABLE project51_agent_message ADD COLUMN interrupted BOOLEAN DEFAULT FALSE NOT NULL;
