-- The end user's rating of an answer (the feedback thumbs of the chat page): 'up', 'down', or NULL when not rated.
ALTER TABLE project51_agent_message ADD COLUMN feedback VARCHAR(8);
