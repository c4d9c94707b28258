-- Turn leases: the turn that holds a conversation (one at a time across every replica sharing this database) and when
-- its lease expires unless renewed. NULL when no turn runs. Times are the database's own clock, so replicas' clocks
-- need not agree.
ALTER TABLE project51_agent_conversation ADD COLUMN turn_holder VARCHAR(64);
ALTER TABLE project51_agent_conversation ADD COLUMN turn_expires_at TIMESTAMP WITH TIME ZONE;
