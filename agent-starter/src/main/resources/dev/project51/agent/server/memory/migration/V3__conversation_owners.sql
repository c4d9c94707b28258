-- Conversations have an owner (the end user that created them, '' for the API client itself), a title (the first
-- message unless renamed) and the time of their latest message, for the list of an end user's conversations.
-- Conversations recorded before this migration belong to the API client itself ('').

CREATE TABLE project51_agent_conversation (
	conversation_id VARCHAR(64) NOT NULL PRIMARY KEY,
	owner_id VARCHAR(128) NOT NULL,
	title VARCHAR(100) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX project51_agent_conversation_owner ON project51_agent_conversation (owner_id, updated_at, conversation_id);

INSERT INTO project51_agent_conversation (conversation_id, owner_id, title, created_at, updated_at)
SELECT m.conversation_id, '',
	COALESCE((SELECT SUBSTRING(f.message_text FROM 1 FOR 100) FROM project51_agent_message f
		WHERE f.conversation_id = m.conversation_id ORDER BY f.id FETCH FIRST 1 ROWS ONLY), 'Conversation'),
	MIN(m.created_at), MAX(m.created_at)
FROM project51_agent_message m GROUP BY m.conversation_id;
