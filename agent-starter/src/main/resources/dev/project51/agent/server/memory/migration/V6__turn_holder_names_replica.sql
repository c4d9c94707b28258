-- A turn's holder names its replica and the replica's run ("<host>:<port>/<run>/<turn>"), so that a replica that starts
-- again frees the leases its dead run left instead of waiting for them to expire: 64 characters do not hold a host name.
ALTER TABLE project51_agent_conversation ALTER COLUMN turn_holder SET DATA TYPE VARCHAR(320);
